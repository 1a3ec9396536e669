//! The address checks: the requirement it answers, its country, the parts that country
//! needs, the postal-code format and, with a `geo` constraint, the allowed areas.

use serde_json::Value;

use super::findings::{Collector, blank, params};
use super::fold_data::FOLD;
use super::model::{AddressConstraint, FieldKind, KycAddress, KycField};
use super::postal;
use super::validate::{Context, find, wrong_place};
use crate::country::CountryCode;
use crate::error::{Details, ErrorCode};

/// The address requirement the address object answers, if it names a valid one.
pub(super) fn address_field<'f>(
    fields: &'f [KycField],
    address: &KycAddress,
    out: &mut Collector,
) -> Option<&'f KycField> {
    let path = || "/address/requirementId".to_owned();
    let Some(id) = address
        .requirement_id
        .as_deref()
        .filter(|s| !s.trim().is_empty())
    else {
        out.push(path(), None, ErrorCode::KycMissing, Details::new());
        return None;
    };
    match find(fields, id) {
        None => {
            out.push(
                path(),
                None,
                ErrorCode::KycUnknownRequirement,
                params(&[("requirement", Value::from(id))]),
            );
            None
        }
        Some(f) if !matches!(f.kind, FieldKind::Address | FieldKind::Unknown(_)) => {
            wrong_place(path(), f, out);
            None
        }
        Some(f) => Some(f),
    }
}

pub(super) fn check_address(
    address: &KycAddress,
    field: Option<&KycField>,
    ctx: &Context<'_>,
    out: &mut Collector,
) {
    let expected = field
        .and_then(|f| f.local_to.as_deref())
        .unwrap_or(ctx.country);
    let mut country: Option<CountryCode> = None;
    match address
        .country_code
        .as_deref()
        .filter(|c| !c.trim().is_empty())
    {
        None => out.push(
            "/address/country_code".into(),
            field,
            ErrorCode::KycAddressPartMissing,
            params(&[("field", Value::from("country_code"))]),
        ),
        Some(code) => match CountryCode::parse(code) {
            Err(err) => out.push_error("/address/country_code".into(), &err),
            Ok(c) if c.as_str() != expected => {
                let name = CountryCode::parse(expected)
                    .map_or_else(|_| expected.to_owned(), |c| c.name().to_owned());
                out.push(
                    "/address/country_code".into(),
                    field,
                    ErrorCode::KycAddressCountryMismatch,
                    params(&[
                        ("expected", Value::from(expected)),
                        ("expected_name", Value::from(name)),
                        ("actual", Value::from(c.as_str())),
                    ]),
                );
            }
            Ok(c) => country = Some(c),
        },
    }
    let rules = country.and_then(|c| postal::rules(c.as_str()));
    let mut required = vec![
        ("street_address", &address.street_address),
        ("locality", &address.locality),
    ];
    if rules.is_none_or(|r| r.has_postal_codes()) {
        required.push(("postal_code", &address.postal_code));
    }
    if rules.is_some_and(|r| r.needs_area) {
        required.push(("administrative_area", &address.administrative_area));
    }
    for (name, value) in required {
        if blank(value.as_ref()) {
            out.push(
                format!("/address/{name}"),
                field,
                ErrorCode::KycAddressPartMissing,
                params(&[("field", Value::from(name))]),
            );
        }
    }
    if let (Some(rules), Some(code), Some(postal)) =
        (rules, country, address.postal_code.as_deref())
        && !postal.trim().is_empty()
        && !rules.matches(postal)
    {
        {
            out.push(
                "/address/postal_code".into(),
                field,
                ErrorCode::KycPostalCodeInvalid,
                params(&[
                    ("country", Value::from(code.as_str())),
                    ("example", Value::from(rules.example)),
                ]),
            );
        }
    }
    check_area(address, field, ctx, out);
}

/// With a `geo` constraint the locality must be one of the allowed areas — the area of the
/// requested area code when there is one. Compared without case or accents.
fn check_area(
    address: &KycAddress,
    field: Option<&KycField>,
    ctx: &Context<'_>,
    out: &mut Collector,
) {
    let Some(availability) = ctx.availability else {
        return;
    };
    if availability.address_constraint != Some(AddressConstraint::Geo) {
        return;
    }
    let Some(locality) = address.locality.as_deref().filter(|l| !l.trim().is_empty()) else {
        return;
    };
    let by_area_code = ctx
        .area_code
        .and_then(|code| availability.area_options.iter().find(|a| a.ndc == code))
        .map(|a| vec![a.name.clone()]);
    let allowed = by_area_code.unwrap_or_else(|| availability.areas.clone());
    if allowed.is_empty() {
        return;
    }
    let wanted = fold(locality);
    if !allowed.iter().any(|a| fold(a) == wanted) {
        out.push(
            "/address/locality".into(),
            field,
            ErrorCode::KycAddressAreaNotAllowed,
            params(&[("allowed", Value::from(allowed))]),
        );
    }
}

/// Case- and accent-insensitive form of a place name: "São Paulo" = "sao  paulo",
/// "Saint-Étienne" = "saint etienne", "Zürich" = "ZURICH".
pub(crate) fn fold(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    for c in name.chars() {
        match c {
            '\u{0300}'..='\u{036F}' => {} // combining accents typed separately
            'ß' => out.push_str("ss"),
            'æ' | 'Æ' => out.push_str("ae"),
            'œ' | 'Œ' => out.push_str("oe"),
            'ø' | 'Ø' => out.push('o'),
            'ł' | 'Ł' => out.push('l'),
            'đ' | 'Đ' => out.push('d'),
            'ı' => out.push('i'),
            '-' | '\'' | '’' | '.' | ',' => out.push(' '),
            c => match FOLD.binary_search_by(|(accented, _)| accented.cmp(&c)) {
                Ok(i) => out.extend(FOLD.get(i).map(|(_, base)| *base)),
                Err(_) => crate::case::push_lower(&mut out, c),
            },
        }
    }
    single_spaced(&out)
}

/// `text`'s words with one space between them (`split_whitespace` joined by `" "`, without
/// `join`'s code).
fn single_spaced(text: &str) -> String {
    let mut words = String::with_capacity(text.len());
    for word in text.split_whitespace() {
        if !words.is_empty() {
            words.push(' ');
        }
        words.push_str(word);
    }
    words
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    proptest! {
        /// `single_spaced` is `split_whitespace().collect::<Vec<_>>().join(" ")`.
        #[test]
        fn single_spaced_is_join(text in "[ \t\n\u{3000}\u{a0}ab]{0,12}") {
            let joined = text.split_whitespace().collect::<Vec<_>>().join(" ");
            prop_assert_eq!(single_spaced(&text), joined);
        }
    }

    #[test]
    fn folding_ignores_case_accents_and_punctuation() {
        assert_eq!(fold("São Paulo"), fold("sao  paulo"));
        assert_eq!(fold("Saint-Étienne"), "saint etienne");
        assert_eq!(fold("ZÜRICH"), fold("zurich"));
        assert_eq!(fold("Łódź"), "lodz");
        assert_ne!(fold("Graz"), fold("Wien"));
        assert_eq!(fold("Đà Nẵng"), "da nang");
        assert_eq!(fold("Ελλάδα"), fold("ΕΛΛΑΔΑ"));
        assert_eq!(fold("Sa\u{0303}o Paulo"), "sao paulo"); // decomposed input
    }
}
