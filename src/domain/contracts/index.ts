import { userContract } from './user'
import { cityContract } from './city'

/** Every cloud function's contract, by function name. The client imports only the type. */
export const contracts = {
  user: userContract,
  city: cityContract,
}
export type Contracts = typeof contracts
export type FunctionName = keyof Contracts
