export { StatusBadge } from './StatusBadge'
export { ExposureCard, deadlineLine } from './ExposureCard'
