//! Zernio response models (reference §3, §5), lenient: every field optional unless the API
//! always sends it, unknown fields ignored or kept in `extra`, enums open, times kept as sent.

use std::fmt;

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::country::OfferedNumberType;
use crate::macros::open_enum;
use crate::status::NumberStatus;

/// `GET /v1/phone-numbers/available`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, crate::Decode)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export))]
#[serde(rename_all = "camelCase")]
pub struct AvailableNumbers {
    /// ISO country code.
    #[serde(default)]
    pub country: Option<String>,
    /// Number type searched.
    #[serde(default)]
    pub number_type: Option<OfferedNumberType>,
    /// Whether only SMS-capable numbers were asked for.
    #[serde(default)]
    pub require_sms: Option<bool>,
    /// The numbers found.
    #[serde(default)]
    pub numbers: Vec<AvailableNumber>,
    /// Numbers are masked (keyless calls).
    #[serde(default)]
    pub masked: Option<bool>,
    /// A nearby area that was searched instead.
    #[serde(default)]
    pub near: Option<String>,
}

/// One number from `/available`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, crate::Decode)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export))]
#[serde(rename_all = "camelCase")]
pub struct AvailableNumber {
    /// E.164, or masked on keyless calls.
    #[serde(default)]
    pub phone_number: Option<String>,
    /// Capabilities, e.g. `sms`, `voice`.
    #[serde(default)]
    pub features: Vec<String>,
    /// City or region.
    #[serde(default)]
    pub locality: Option<String>,
    /// Not an exact match for the filters.
    #[serde(default)]
    pub best_effort: Option<bool>,
    /// Masked form.
    #[serde(default)]
    pub masked_number: Option<String>,
    /// Number type.
    #[serde(default)]
    pub number_type: Option<OfferedNumberType>,
    /// Claim id (keyless).
    #[serde(default)]
    pub claim_id: Option<String>,
    /// Claim URL (keyless).
    #[serde(default)]
    pub claim_url: Option<String>,
}

/// A provisioned number as the purchase returns it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, crate::Decode)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export))]
#[serde(rename_all = "camelCase")]
pub struct ProvisionedNumber {
    /// Record id.
    #[serde(default)]
    pub id: Option<String>,
    /// E.164.
    #[serde(default)]
    pub phone_number: Option<String>,
    /// Status.
    #[serde(default)]
    pub status: Option<NumberStatus>,
    /// ISO country.
    #[serde(default)]
    pub country: Option<String>,
    /// When provisioned.
    #[serde(default)]
    pub provisioned_at: Option<String>,
    /// Meta pre-verified id.
    #[serde(default)]
    pub meta_preverified_id: Option<String>,
    /// Meta verification status.
    #[serde(default)]
    pub meta_verification_status: Option<String>,
    /// The profile it went to (may differ from the one asked for).
    #[serde(default)]
    pub profile_id: Option<String>,
}

/// Every outcome of `POST /v1/phone-numbers/purchase` (an untagged union upstream; tagged by
/// `outcome` here).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, crate::Decode)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export))]
#[serde(tag = "outcome", rename_all = "snake_case")]
pub enum PurchaseOutcome {
    /// First number: complete payment at `checkoutUrl`.
    Checkout {
        /// Stripe checkout URL.
        #[serde(rename = "checkoutUrl")]
        checkout_url: String,
        /// Message.
        message: Option<String>,
    },
    /// Provisioned inline.
    Provisioned {
        /// The number.
        #[serde(rename = "phoneNumber")]
        phone_number: ProvisionedNumber,
        /// Message.
        message: Option<String>,
    },
    /// A repeat with the same `purchaseIntentId`: the number bought the first time.
    AlreadyPurchased {
        /// Upstream's `status`: `"already_purchased"`.
        #[serde(default = "already_purchased")]
        status: String,
        /// Record id.
        #[serde(rename = "numberId")]
        number_id: Option<String>,
        /// E.164 (a string here, unlike the provisioned outcome).
        #[serde(rename = "phoneNumber")]
        phone_number: Option<String>,
        /// Profile id.
        #[serde(rename = "profileId")]
        profile_id: Option<String>,
    },
    /// 202: a regulated country; collect KYC at `kycUrl` (or submit it through the API).
    KycRequired {
        /// Upstream's `status`: `"kyc_required"`.
        #[serde(default = "kyc_required")]
        status: String,
        /// ISO country.
        country: Option<String>,
        /// Number type.
        #[serde(rename = "numberType")]
        number_type: Option<String>,
        /// Hosted KYC form.
        #[serde(rename = "kycUrl")]
        kyc_url: Option<String>,
    },
}

fn already_purchased() -> String {
    "already_purchased".to_owned()
}

fn kyc_required() -> String {
    "kyc_required".to_owned()
}

impl PurchaseOutcome {
    /// The `already_purchased` outcome.
    #[must_use]
    pub fn already_purchased(
        number_id: Option<String>,
        phone_number: Option<String>,
        profile_id: Option<String>,
    ) -> Self {
        Self::AlreadyPurchased {
            status: already_purchased(),
            number_id,
            phone_number,
            profile_id,
        }
    }

    /// The `kyc_required` outcome (202).
    #[must_use]
    pub fn kyc_required(
        country: Option<String>,
        number_type: Option<String>,
        kyc_url: Option<String>,
    ) -> Self {
        Self::KycRequired {
            status: kyc_required(),
            country,
            number_type,
            kyc_url,
        }
    }
}

/// `profileId` in list items: `{_id, name}` when the profile exists, else the raw id.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, crate::Decode)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export))]
#[serde(untagged)]
pub enum ProfileRef {
    /// The profile (fields optional: older specs type it as a bare object).
    Profile {
        /// Profile id.
        #[serde(rename = "_id", default)]
        id: Option<String>,
        /// Profile name.
        #[serde(default)]
        name: Option<String>,
    },
    /// Just the id.
    Id(String),
}

open_enum! {
    /// Meta verification of a hosted number.
    pub enum MetaVerificationStatus {
        /// Not started.
        Pending => "pending",
        /// A code was requested.
        CodeRequested => "code_requested",
        /// Verified.
        Verified => "verified",
        /// Verification expired.
        Expired => "expired",
    }
}

/// A number owned by the account (`GET /v1/phone-numbers` list item, `OwnedPhoneNumber`).
/// The fields billing, the lifecycle and KYC need are typed; the others are kept in `extra`.
#[derive(Clone, Default, PartialEq, Serialize, Deserialize, crate::Decode)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export))]
#[serde(rename_all = "camelCase")]
pub struct OwnedPhoneNumber {
    /// Record id (`_id` upstream; `id` accepted).
    #[serde(default, rename = "_id", alias = "id")]
    pub id: Option<String>,
    /// E.164.
    #[serde(default)]
    pub phone_number: Option<String>,
    /// ISO country.
    #[serde(default)]
    pub country: Option<String>,
    /// Number type.
    #[serde(default)]
    pub number_type: Option<OfferedNumberType>,
    /// Status.
    #[serde(default)]
    pub status: Option<NumberStatus>,
    /// Owning profile.
    #[serde(default)]
    pub profile_id: Option<ProfileRef>,
    /// Monthly price stamped at purchase, in cents.
    #[serde(default)]
    pub monthly_cents: Option<u64>,
    /// Registrant (PII: hidden by `Debug`).
    #[serde(default)]
    pub registrant_name: Option<String>,
    /// End user's first name (PII).
    #[serde(default)]
    pub end_user_first_name: Option<String>,
    /// End user's last name (PII).
    #[serde(default)]
    pub end_user_last_name: Option<String>,
    /// Why the regulator declined.
    #[serde(default)]
    pub regulatory_decline_reason: Option<String>,
    /// The reviewer's comment.
    #[serde(default)]
    pub regulatory_review_comment: Option<String>,
    /// `action_required` when the regulator asks for more.
    #[serde(default)]
    pub regulatory_info_status: Option<String>,
    /// ID-check link (prefer `verifyUrl`).
    #[serde(default)]
    pub onfido_verification_url: Option<String>,
    /// Stable ID-check redirect.
    #[serde(default)]
    pub verify_url: Option<String>,
    /// Meta verification.
    #[serde(default)]
    pub meta_verification_status: Option<MetaVerificationStatus>,
    /// WhatsApp account id for number-info and calls (sent as `null` when there is none).
    #[serde(default, serialize_with = "crate::api::respond::null_if_none")]
    pub social_account_id: Option<String>,
    /// Created.
    #[serde(default)]
    pub created_at: Option<String>,
    /// Updated (for a declined number: about when it was declined).
    #[serde(default)]
    pub updated_at: Option<String>,
    /// Provisioned.
    #[serde(default)]
    pub provisioned_at: Option<String>,
    /// Activated.
    #[serde(default)]
    pub activated_at: Option<String>,
    /// Suspended.
    #[serde(default)]
    pub suspended_at: Option<String>,
    /// Released.
    #[serde(default)]
    pub released_at: Option<String>,
    /// Every other field, as sent.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl fmt::Debug for OwnedPhoneNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("OwnedPhoneNumber")
            .field("id", &self.id)
            .field("phone_number", &self.phone_number)
            .field("country", &self.country)
            .field("status", &self.status)
            .field("monthly_cents", &self.monthly_cents)
            .field("extra_fields", &self.extra.len())
            .finish_non_exhaustive()
    }
}

/// A bring-your-own number connected to the account (not billed).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, crate::Decode)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export))]
#[serde(rename_all = "camelCase")]
pub struct ConnectedNumber {
    /// WhatsApp account id.
    #[serde(default)]
    pub account_id: Option<String>,
    /// E.164.
    #[serde(default)]
    pub phone_number: Option<String>,
    /// Display name.
    #[serde(default)]
    pub display_name: Option<String>,
    /// Profile id.
    #[serde(default)]
    pub profile_id: Option<String>,
    /// Connected.
    #[serde(default)]
    pub connected_at: Option<String>,
    /// Calling enabled.
    #[serde(default)]
    pub calling_enabled: Option<bool>,
}

/// `GET /v1/phone-numbers`.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, crate::Decode)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export))]
#[serde(rename_all = "camelCase")]
pub struct NumberList {
    /// Purchased numbers.
    #[serde(default)]
    pub numbers: Vec<OwnedPhoneNumber>,
    /// Connected numbers (default and `active` views only).
    #[serde(default)]
    pub connected: Vec<ConnectedNumber>,
    /// iMessage senders, as sent.
    #[serde(default)]
    pub imessage: Vec<Value>,
    /// The shared sandbox number, as sent.
    #[serde(default)]
    pub sandbox: Option<Value>,
}

/// `GET /v1/phone-numbers/{id}` (`phoneNumber` envelope removed). Note `id`, not `_id`.
#[derive(Clone, PartialEq, Serialize, Deserialize, crate::Decode)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export))]
#[serde(rename_all = "camelCase")]
pub struct NumberRecord {
    /// Record id.
    #[serde(default)]
    pub id: Option<String>,
    /// E.164.
    #[serde(default)]
    pub phone_number: Option<String>,
    /// Status.
    #[serde(default)]
    pub status: Option<NumberStatus>,
    /// ISO country.
    #[serde(default)]
    pub country: Option<String>,
    /// Meta pre-verified id.
    #[serde(default)]
    pub meta_preverified_id: Option<String>,
    /// Meta verification (free text here).
    #[serde(default)]
    pub meta_verification_status: Option<String>,
    /// ID-check link.
    #[serde(default)]
    pub onfido_verification_url: Option<String>,
    /// End user's first name (PII).
    #[serde(default)]
    pub end_user_first_name: Option<String>,
    /// End user's last name (PII).
    #[serde(default)]
    pub end_user_last_name: Option<String>,
    /// Why the regulator declined.
    #[serde(default)]
    pub regulatory_decline_reason: Option<String>,
    /// Provisioned.
    #[serde(default)]
    pub provisioned_at: Option<String>,
    /// SIP trunk, if attached.
    #[serde(default)]
    pub sip_trunk_id: Option<String>,
}

impl fmt::Debug for NumberRecord {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("NumberRecord")
            .field("id", &self.id)
            .field("phone_number", &self.phone_number)
            .field("status", &self.status)
            .field("country", &self.country)
            .finish_non_exhaustive()
    }
}

/// `DELETE /v1/phone-numbers/{id}`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, crate::Decode)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export))]
#[serde(rename_all = "camelCase")]
pub struct Released {
    /// Message.
    #[serde(default)]
    pub message: Option<String>,
    /// The released number (`id`, `phoneNumber`, `status`, `releasedAt`).
    #[serde(default)]
    pub phone_number: Option<Value>,
}

open_enum! {
    /// Outcome of a KYC submission.
    pub enum KycSubmitStatus {
        /// Submitted for review.
        Submitted => "kyc_submitted",
        /// An approved verification was reused.
        Reused => "kyc_reused",
        /// This submission was already received (idempotent repeat).
        AlreadySubmitted => "kyc_already_submitted",
    }
}

/// `POST /v1/phone-numbers/kyc`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, crate::Decode)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export))]
#[serde(rename_all = "camelCase")]
pub struct KycSubmitted {
    /// Outcome.
    #[serde(default)]
    pub status: Option<KycSubmitStatus>,
    /// Accepted as a pre-order.
    #[serde(default)]
    pub pre_order: Option<bool>,
    /// The number record (`id`, `status`, `country`).
    #[serde(default)]
    pub phone_number: Option<Value>,
    /// Every number ordered (`id`, `status`, `phoneNumber`, `country`).
    #[serde(default)]
    pub numbers: Vec<Value>,
}

/// `POST /v1/phone-numbers/kyc/upload-document`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, crate::Decode)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export))]
#[serde(rename_all = "camelCase")]
pub struct UploadedDocument {
    /// Use as `documentId` in a submission.
    pub document_id: String,
}

/// `POST /v1/phone-numbers/kyc/validate-address` (200).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, crate::Decode)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export))]
pub struct AddressCheck {
    /// The address is valid.
    #[serde(default)]
    pub ok: bool,
    /// Not checked (no administrative area).
    #[serde(default)]
    pub skipped: Option<bool>,
}

/// `POST /v1/phone-numbers/kyc/share`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, crate::Decode)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export))]
#[serde(rename_all = "camelCase")]
pub struct KycLink {
    /// Single-use link, valid 7 days.
    pub url: String,
    /// Token.
    #[serde(default)]
    pub token: Option<String>,
    /// Expiry.
    #[serde(default)]
    pub expires_at: Option<String>,
}

/// `POST /v1/phone-numbers/{id}/remediate`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, crate::Decode)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export))]
#[serde(rename_all = "camelCase")]
pub struct Remediated {
    /// e.g. `resubmitted` (an example upstream, not an enum).
    #[serde(default)]
    pub status: Option<String>,
    /// The number (`id`, `status`).
    #[serde(default)]
    pub phone_number: Option<Value>,
}

/// `PATCH /v1/whatsapp/phone-numbers/{id}/profile`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, crate::Decode)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export))]
#[serde(rename_all = "camelCase")]
pub struct MovedToProfile {
    /// Message.
    #[serde(default)]
    pub message: Option<String>,
    /// The new profile.
    #[serde(default)]
    pub profile_id: Option<String>,
    /// What moved (`phone`, `sms`, `whatsapp`); absent when already there.
    #[serde(default)]
    pub moved_platforms: Option<Vec<String>>,
}
