//! KYC for regulated countries: the availability, form and submission models, a validator
//! that finds every reason a submission would bounce (field by field, in English, Spanish or
//! Brazilian Portuguese), documents (type sniffing, size checks, ID front + back in one PDF)
//! and remediation of declined numbers.
//!
//! ```
//! use wanumbers::kyc::{validate_submission, KycForm, KycSubmission, Lang};
//! let form: KycForm = serde_json::from_str(r#"{"country": "DE", "fields": [
//!   {"requirementId": "addr", "label": "Address", "kind": "address"}]}"#).unwrap();
//! let submission: KycSubmission = serde_json::from_str(r#"{"profileId": "p1", "country": "DE",
//!   "address": {"requirementId": "addr", "country_code": "DE", "street_address": "Unter den Linden 1",
//!               "locality": "Berlin", "postal_code": "1011"}}"#).unwrap();
//! let errors = validate_submission(&form, &submission, None, "2026-03-01".parse().unwrap(), Lang::En);
//! assert_eq!(errors.len(), 1);
//! assert_eq!((errors[0].path.as_str(), errors[0].code.as_str()), ("/address/postal_code", "kyc_postal_code_invalid"));
//! assert_eq!(errors[0].message, "This is not a postal code of DE; it looks like 26133.");
//! ```

mod address;
mod document;
mod evidence;
mod findings;
mod fold_data;
mod id_sides;
mod messages;
mod model;
mod pdf;
mod png;
mod postal;
mod postal_data;
mod remediation;
mod validate;

pub use document::{
    ACCEPTED_TYPES, DocumentType, MAX_DOCUMENT_BYTES, check_document_size, check_named_file,
    encode_document, sniff_document,
};
pub use findings::{FieldError, Severity};
pub use id_sides::combine_id_sides;
pub use messages::Lang;
pub use model::{
    AddressConstraint, AreaOption, Audience, Availability, FieldKind, KycAddress, KycDocument,
    KycField, KycForm, KycSubmission, RemediationForm, RemediationSubmission, Reusable,
    ReuseDetail, ReuseOption, SoldOutArea,
};
pub use remediation::{remediation_payload, validate_remediation};
pub use validate::{MAX_REQUEST_BYTES, MAX_TEXT_CHARS, validate_submission};
