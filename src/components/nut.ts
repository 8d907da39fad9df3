/**
 * NutUI React Taro, imported on demand: the components this app uses, each with its compiled CSS (the
 * `style/css` entry NutUI's babel-plugin-import setup would add). Import NutUI components from here, and add
 * a line pair when you need another one; the rest of the library stays out of the bundle.
 */
import '@nutui/nutui-react-taro/dist/esm/Button/style/css'
import '@nutui/nutui-react-taro/dist/esm/Tag/style/css'
import '@nutui/nutui-react-taro/dist/esm/Cell/style/css'
import '@nutui/nutui-react-taro/dist/esm/CellGroup/style/css'
import '@nutui/nutui-react-taro/dist/esm/Popup/style/css'
import '@nutui/nutui-react-taro/dist/esm/InputNumber/style/css'

export { Button, Tag, Cell, CellGroup, Popup, InputNumber } from '@nutui/nutui-react-taro'
export type { ButtonProps, TagProps, CellProps } from '@nutui/nutui-react-taro'
