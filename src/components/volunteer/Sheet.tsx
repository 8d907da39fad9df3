// 志愿 screens use the shared bottom sheet.
export { Sheet } from '../Sheet'
export type { SheetProps } from '../Sheet'
