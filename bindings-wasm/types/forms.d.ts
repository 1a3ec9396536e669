// Types of `wanumbers/forms`: the small browser build for forms (phone numbers, countries,
// quotes, KYC validation as the user types). Call `await init()` first.
export type * from "./models.js";
export type { CatalogInput, ErrorName, Input, ValidateOptions, WanumbersError } from "./wanumbers.js";
export {
  init,
  initSync,
  isWanumbersError,
  normalizePhone,
  normalizePhoneInRegion,
  formatPhone,
  checkPhone,
  checkPhones,
  isCountryCode,
  countryName,
  countryInfo,
  normalizeCountryCode,
  countries,
  country,
  prorateCents,
  daysInMonth,
  quote,
  formatUsd,
  formatMonthly,
  validateKyc,
  validateRemediation,
  remediationPayload,
  sniffDocument,
  checkDocumentSize,
  encodeDocument,
  errorCodes,
  version,
} from "./wanumbers.js";
export { default } from "./wanumbers.js";
