/**
 * H5 构建里的 @tarojs/components（config/index.ts 把它别名到这里；小程序构建不用它）。
 *
 * 为什么：Taro 的 React 组件都定义在同一个模块 lib/react/components.js 里，webpack 按整个应用算它用到了哪些导出，
 * 而每个页面的 chunk 都带一份这个模块：落地页只画 View、Text、Button，却带着报事页、代表页用的
 * Picker、Input、Textarea、Canvas（约 31 KB）。这里把页面少用的组件各自从同一个文件的另一个实例（?组件名）导出：
 * 一个实例只有它那个组件被用到，也就只进用到它的页面的 chunk。其余的照旧从原模块导出。
 * 本文件标了无副作用（config/index.ts），引用直接连到各实例，不经过这里。
 */
export * from '@tarojs/components/lib/react/components.js'
export { Canvas } from '@tarojs/components/lib/react/components.js?canvas'
export { Input } from '@tarojs/components/lib/react/components.js?input'
export { Textarea } from '@tarojs/components/lib/react/components.js?textarea'
export { Picker, PickerView, PickerViewColumn } from '@tarojs/components/lib/react/components.js?picker'
export { ScrollView } from '@tarojs/components/lib/react/components.js?scroll-view'
export { Swiper, SwiperItem } from '@tarojs/components/lib/react/components.js?swiper'
export { Video } from '@tarojs/components/lib/react/components.js?video'
export { Form } from '@tarojs/components/lib/react/components.js?form'
export { Switch } from '@tarojs/components/lib/react/components.js?switch'
export { Checkbox, CheckboxGroup } from '@tarojs/components/lib/react/components.js?checkbox'
export { Radio, RadioGroup } from '@tarojs/components/lib/react/components.js?radio'
export { Slider } from '@tarojs/components/lib/react/components.js?slider'
export { Label } from '@tarojs/components/lib/react/components.js?label'
export { RichText } from '@tarojs/components/lib/react/components.js?rich-text'
