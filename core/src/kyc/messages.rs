//! Field-error messages in English, Spanish and Brazilian Portuguese (the languages of
//! Zernio's own KYC pages). A message is a template filled from the error's `params`, so a UI
//! that prefers its own wording can build it from the same data. Codes never change with
//! the language.

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::error::ErrorCode;

/// The language of messages.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize, crate::Decode,
)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export))]
pub enum Lang {
    /// English (the default).
    #[default]
    #[serde(rename = "en")]
    En,
    /// Spanish.
    #[serde(rename = "es")]
    Es,
    /// Brazilian Portuguese.
    #[serde(rename = "pt-BR")]
    PtBr,
}

impl Lang {
    /// Reads a language tag leniently: `es`, `es-MX` → Spanish; `pt`, `pt-BR`, `pt_br` →
    /// Brazilian Portuguese; anything else → English.
    pub fn parse(tag: &str) -> Lang {
        let primary = tag
            .trim()
            .split(['-', '_'])
            .next()
            .unwrap_or("")
            .to_ascii_lowercase();
        match primary.as_str() {
            "es" => Lang::Es,
            "pt" => Lang::PtBr,
            _ => Lang::En,
        }
    }

    /// The tag: `en`, `es` or `pt-BR`.
    pub const fn as_str(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Es => "es",
            Lang::PtBr => "pt-BR",
        }
    }
}

/// The message template for `code` in `lang`, or `None` when the code has no field message.
#[allow(clippy::too_many_lines)] // one table, three columns
fn template(code: ErrorCode, lang: Lang) -> Option<&'static str> {
    use ErrorCode as C;
    use Lang::{En, Es, PtBr};
    Some(match (code, lang) {
        (C::KycMissing, En) => "{label} is required.",
        (C::KycMissing, Es) => "{label} es obligatorio.",
        (C::KycMissing, PtBr) => "{label} é obrigatório.",
        (C::KycWrongPlace, En) => "{label} is a {kind} requirement: answer it in {expected}.",
        (C::KycWrongPlace, Es) => {
            "{label} es un requisito de tipo {kind}: respóndelo en {expected}."
        }
        (C::KycWrongPlace, PtBr) => {
            "{label} é um requisito do tipo {kind}: responda em {expected}."
        }
        (C::KycUnknownRequirement, En) => "This form has no requirement {requirement}.",
        (C::KycUnknownRequirement, Es) => "Este formulario no tiene el requisito {requirement}.",
        (C::KycUnknownRequirement, PtBr) => "Este formulário não tem o requisito {requirement}.",
        (C::KycDuplicate, En) => "{label} is answered twice; keep one answer.",
        (C::KycDuplicate, Es) => "{label} está respondido dos veces; deja una sola respuesta.",
        (C::KycDuplicate, PtBr) => "{label} foi respondido duas vezes; mantenha uma resposta.",
        (C::KycEndUserNameMissing, En) => "Enter the end user's first and last name for {label}.",
        (C::KycEndUserNameMissing, Es) => {
            "Introduce el nombre y el apellido del usuario final para {label}."
        }
        (C::KycEndUserNameMissing, PtBr) => {
            "Informe o nome e o sobrenome do usuário final para {label}."
        }
        (C::KycTextEmpty, En) => "Enter {label}.",
        (C::KycTextEmpty, Es) => "Introduce {label}.",
        (C::KycTextEmpty, PtBr) => "Preencha {label}.",
        (C::KycTextTooLong, En) => "{label} is too long: at most {max} characters (now {length}).",
        (C::KycTextTooLong, Es) => {
            "{label} es demasiado largo: {max} caracteres como máximo (ahora {length})."
        }
        (C::KycTextTooLong, PtBr) => {
            "{label} é longo demais: no máximo {max} caracteres (agora {length})."
        }
        (C::KycDateInvalid, En) => "Enter {label} as a real date, YYYY-MM-DD.",
        (C::KycDateInvalid, Es) => "Introduce {label} como una fecha real, AAAA-MM-DD.",
        (C::KycDateInvalid, PtBr) => "Informe {label} como uma data real, AAAA-MM-DD.",
        (C::KycDateInFuture, En) => "The issue date cannot be after today ({today}).",
        (C::KycDateInFuture, Es) => "La fecha de emisión no puede ser posterior a hoy ({today}).",
        (C::KycDateInFuture, PtBr) => "A data de emissão não pode ser posterior a hoje ({today}).",
        (C::KycAddressPartMissing, En) => "Enter the {part} of the address.",
        (C::KycAddressPartMissing, Es) => "Introduce {part} de la dirección.",
        (C::KycAddressPartMissing, PtBr) => "Informe {part} do endereço.",
        (C::KycAddressCountryMismatch, En) => "The address must be in {expected}.",
        (C::KycAddressCountryMismatch, Es) => "La dirección debe estar en {expected}.",
        (C::KycAddressCountryMismatch, PtBr) => "O endereço deve ser em {expected}.",
        (C::KycPostalCodeInvalid, En) => {
            "This is not a postal code of {country}; it looks like {example}."
        }
        (C::KycPostalCodeInvalid, Es) => {
            "Este no es un código postal de {country}; tiene la forma {example}."
        }
        (C::KycPostalCodeInvalid, PtBr) => {
            "Este não é um código postal de {country}; o formato é {example}."
        }
        (C::KycAddressAreaNotAllowed, En) => {
            "The numbers are tied to an area: the address must be in {allowed}."
        }
        (C::KycAddressAreaNotAllowed, Es) => {
            "Los números están ligados a una zona: la dirección debe estar en {allowed}."
        }
        (C::KycAddressAreaNotAllowed, PtBr) => {
            "Os números são vinculados a uma área: o endereço deve ser em {allowed}."
        }
        (C::KycDocumentSourceConflict, En) => "Send either the file or a document id, not both.",
        (C::KycDocumentSourceConflict, Es) => "Envía el archivo o un id de documento, no ambos.",
        (C::KycDocumentSourceConflict, PtBr) => {
            "Envie o arquivo ou um id de documento, não os dois."
        }
        (C::KycDocumentBase64Invalid, En) => {
            "The file is not encoded correctly ({reason}); encode it again as plain base64."
        }
        (C::KycDocumentBase64Invalid, Es) => {
            "El archivo no está bien codificado ({reason}); codifícalo de nuevo en base64 simple."
        }
        (C::KycDocumentBase64Invalid, PtBr) => {
            "O arquivo não está codificado corretamente ({reason}); codifique de novo em base64 simples."
        }
        (C::KycDocumentTooLarge, En) => "The file is too large: at most {max_mb} MB.",
        (C::KycDocumentTooLarge, Es) => "El archivo es demasiado grande: {max_mb} MB como máximo.",
        (C::KycDocumentTooLarge, PtBr) => "O arquivo é grande demais: no máximo {max_mb} MB.",
        (C::KycDocumentEmpty, En) => "The file is empty.",
        (C::KycDocumentEmpty, Es) => "El archivo está vacío.",
        (C::KycDocumentEmpty, PtBr) => "O arquivo está vazio.",
        (C::KycDocumentTypeUnsupported, En) => "Upload a PDF, JPEG, PNG or WEBP file.",
        (C::KycDocumentTypeUnsupported, Es) => "Sube un archivo PDF, JPEG, PNG o WEBP.",
        (C::KycDocumentTypeUnsupported, PtBr) => "Envie um arquivo PDF, JPEG, PNG ou WEBP.",
        (C::KycDocumentExtensionMismatch, En) => {
            "The file is a {detected} file: name it with the .{detected} extension."
        }
        (C::KycDocumentExtensionMismatch, Es) => {
            "El archivo es {detected}: ponle la extensión .{detected}."
        }
        (C::KycDocumentExtensionMismatch, PtBr) => {
            "O arquivo é {detected}: use a extensão .{detected}."
        }
        (C::KycRequestTooLarge, En) => {
            "The files are too large to send together (over {max_mb} MB): upload them first and send their document ids."
        }
        (C::KycRequestTooLarge, Es) => {
            "Los archivos son demasiado grandes para enviarlos juntos (más de {max_mb} MB): súbelos primero y envía sus ids de documento."
        }
        (C::KycRequestTooLarge, PtBr) => {
            "Os arquivos são grandes demais para enviar juntos (mais de {max_mb} MB): envie-os antes e mande os ids de documento."
        }
        (C::KycQuantityOutOfRange, En) => "Choose from {min} to {max} numbers.",
        (C::KycQuantityOutOfRange, Es) => "Elige entre {min} y {max} números.",
        (C::KycQuantityOutOfRange, PtBr) => "Escolha de {min} a {max} números.",
        (C::KycAreaCodeInvalid, En) => "An area code is 1 to 4 digits.",
        (C::KycAreaCodeInvalid, Es) => "Un prefijo de zona tiene de 1 a 4 dígitos.",
        (C::KycAreaCodeInvalid, PtBr) => "Um código de área tem de 1 a 4 dígitos.",
        (C::KycPhoneNotE164, En) => "Write the number in international form: {e164}.",
        (C::KycPhoneNotE164, Es) => "Escribe el número en formato internacional: {e164}.",
        (C::KycPhoneNotE164, PtBr) => "Escreva o número no formato internacional: {e164}.",
        (C::KycCountryNotRegulated, En) => {
            "{country} numbers need no identity verification: buy them directly."
        }
        (C::KycCountryNotRegulated, Es) => {
            "Los números de {country} no necesitan verificación de identidad: cómpralos directamente."
        }
        (C::KycCountryNotRegulated, PtBr) => {
            "Números de {country} não precisam de verificação de identidade: compre diretamente."
        }
        (C::KycCountryMismatch, En) => "This form is for {expected}.",
        (C::KycCountryMismatch, Es) => "Este formulario es para {expected}.",
        (C::KycCountryMismatch, PtBr) => "Este formulário é para {expected}.",
        (C::KycNotAvailable, En) => "No numbers are available in {country} right now.",
        (C::KycNotAvailable, Es) => "No hay números disponibles en {country} en este momento.",
        (C::KycNotAvailable, PtBr) => "Não há números disponíveis em {country} no momento.",
        (C::KycPreOrderRequired, En) => "Out of stock: confirm a pre-order to reserve a number.",
        (C::KycPreOrderRequired, Es) => "Sin existencias: confirma una reserva anticipada.",
        (C::KycPreOrderRequired, PtBr) => {
            "Sem estoque: confirme uma pré-encomenda para reservar um número."
        }
        (C::KycAreaSoldOut, En) => "No numbers are available with area code {area_code}.",
        (C::KycAreaSoldOut, Es) => "No hay números disponibles con el prefijo {area_code}.",
        (C::KycAreaSoldOut, PtBr) => "Não há números disponíveis com o código de área {area_code}.",
        (C::KycReuseUnavailable, En) => {
            "There is no approved verification to reuse: fill in the form."
        }
        (C::KycReuseUnavailable, Es) => {
            "No hay una verificación aprobada que reutilizar: rellena el formulario."
        }
        (C::KycReuseUnavailable, PtBr) => {
            "Não há verificação aprovada para reutilizar: preencha o formulário."
        }
        (C::KycReuseOptionUnknown, En) => "Choose one of the verifications offered for reuse.",
        (C::KycReuseOptionUnknown, Es) => {
            "Elige una de las verificaciones ofrecidas para reutilizar."
        }
        (C::KycReuseOptionUnknown, PtBr) => {
            "Escolha uma das verificações oferecidas para reutilização."
        }
        (C::KycRemediationUnchanged, En) => {
            "{label} was declined and is unchanged: correct it before sending."
        }
        (C::KycRemediationUnchanged, Es) => {
            "{label} fue rechazado y no ha cambiado: corrígelo antes de enviar."
        }
        (C::KycRemediationUnchanged, PtBr) => {
            "{label} foi recusado e não mudou: corrija antes de enviar."
        }
        (C::KycImageUnsupported, En) => "The {side} of the ID must be a JPEG, PNG or WEBP image.",
        (C::KycImageUnsupported, Es) => {
            "El {side} del documento debe ser una imagen JPEG, PNG o WEBP."
        }
        (C::KycImageUnsupported, PtBr) => {
            "O {side} do documento deve ser uma imagem JPEG, PNG ou WEBP."
        }
        (C::KycImageInvalid, En) => "The {side} image cannot be read.",
        (C::KycImageInvalid, Es) => "No se puede leer la imagen del {side}.",
        (C::KycImageInvalid, PtBr) => "Não é possível ler a imagem do {side}.",
        (C::KycImageTooLarge, En) => {
            "The {side} image is too large ({width}×{height} pixels): use a photo of at most {max_side} pixels a side."
        }
        (C::KycImageTooLarge, Es) => {
            "La imagen del {side} es demasiado grande ({width}×{height} píxeles): usa una foto de como máximo {max_side} píxeles por lado."
        }
        (C::KycImageTooLarge, PtBr) => {
            "A imagem do {side} é grande demais ({width}×{height} pixels): use uma foto de no máximo {max_side} pixels por lado."
        }
        (C::CountryInvalid, En) => "Choose a country (a two-letter code such as GB).",
        (C::CountryInvalid, Es) => "Elige un país (un código de dos letras como ES).",
        (C::CountryInvalid, PtBr) => "Escolha um país (um código de duas letras como BR).",
        (C::CountryNotUppercase, En) => "Country codes are uppercase: use {suggestion}.",
        (C::CountryNotUppercase, Es) => "Los códigos de país van en mayúsculas: usa {suggestion}.",
        (C::CountryNotUppercase, PtBr) => "Códigos de país são em maiúsculas: use {suggestion}.",
        (C::CountryUnknown, En) => "This is not a country code.",
        (C::CountryUnknown, Es) => "Este no es un código de país.",
        (C::CountryUnknown, PtBr) => "Este não é um código de país.",
        (C::PhoneEmpty, En) => "Enter a phone number.",
        (C::PhoneEmpty, Es) => "Introduce un número de teléfono.",
        (C::PhoneEmpty, PtBr) => "Informe um número de telefone.",
        (C::PhoneNotANumber, En) => "This does not look like a phone number.",
        (C::PhoneNotANumber, Es) => "Esto no parece un número de teléfono.",
        (C::PhoneNotANumber, PtBr) => "Isto não parece um número de telefone.",
        (C::PhoneInvalidCountryCode, En) => "Start the number with + and the country code.",
        (C::PhoneInvalidCountryCode, Es) => "Empieza el número con + y el código de país.",
        (C::PhoneInvalidCountryCode, PtBr) => "Comece o número com + e o código do país.",
        (C::PhoneTooShort, En) => "The number is too short.",
        (C::PhoneTooShort, Es) => "El número es demasiado corto.",
        (C::PhoneTooShort, PtBr) => "O número é curto demais.",
        (C::PhoneTooLong, En) => "The number is too long.",
        (C::PhoneTooLong, Es) => "El número es demasiado largo.",
        (C::PhoneTooLong, PtBr) => "O número é longo demais.",
        (C::PhoneInvalidForRegion, En) => "Enter a number from {region}.",
        (C::PhoneInvalidForRegion, Es) => "Introduce un número de {region}.",
        (C::PhoneInvalidForRegion, PtBr) => "Informe um número de {region}.",
        (C::PhoneInvalid, En) => "This number is not in use.",
        (C::PhoneInvalid, Es) => "Este número no está en uso.",
        (C::PhoneInvalid, PtBr) => "Este número não está em uso.",
        _ => return None,
    })
}

/// The message for `code` in `lang`, each placeholder filled with what `value` gives for its
/// name (a placeholder it gives nothing for is kept); `fallback` when there is no template
/// (e.g. an English core message).
pub(crate) fn render(
    code: ErrorCode,
    lang: Lang,
    value: &dyn Fn(&str) -> Option<String>,
    fallback: &str,
) -> String {
    let Some(template) = template(code, lang) else {
        return fallback.to_owned();
    };
    let mut out = String::with_capacity(template.len() + 16);
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        // `open` is a character boundary (found), so this never falls back; checked, no
        // panic path with its message formatting is compiled in.
        let (before, after) = rest.split_at_checked(open).unwrap_or((rest, ""));
        out.push_str(before);
        let Some(close) = after.find('}') else {
            out.push_str(after);
            return out;
        };
        let key = after.get(1..close).unwrap_or("");
        match value(key) {
            Some(value) => out.push_str(&value),
            None => out.push_str(after.get(..=close).unwrap_or("")),
        }
        rest = after.get(close + 1..).unwrap_or("");
    }
    out.push_str(rest);
    out
}

/// A param as message text: strings bare, lists joined with ", ", others as JSON.
pub(crate) fn display(value: &Value) -> String {
    match value {
        Value::String(s) => s.clone(),
        Value::Array(items) => {
            let mut out = String::new();
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                out.push_str(&display(item));
            }
            out
        }
        Value::Null => String::new(),
        Value::Bool(b) => b.to_string(),
        Value::Number(n) => n.to_string(),
        // `Value`'s own `Display` writes the same text through an `io::Write` adapter, which
        // costs the browser builds more than this second use of the JSON writer.
        Value::Object(_) => serde_json::to_string(value).unwrap_or_default(),
    }
}

/// Every code that has field messages (used by tests: each has all three languages).
#[cfg(test)]
pub(crate) fn has_template(code: ErrorCode) -> bool {
    [Lang::En, Lang::Es, Lang::PtBr]
        .iter()
        .all(|l| template(code, *l).is_some())
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;
    use serde_json::json;

    use super::*;
    use crate::error::Details;

    proptest! {
        /// A list param is its items' displays joined by `", "` (the loop replaced `join`).
        #[test]
        fn list_display_is_joined(items in proptest::collection::vec(prop_oneof![
            Just(Value::Null),
            Just(json!("")),
            "[a-z ,]{0,4}".prop_map(Value::from),
            any::<i64>().prop_map(Value::from),
            Just(json!(["x", null, ""])),
        ], 0..5)) {
            let joined = items.iter().map(display).collect::<Vec<_>>().join(", ");
            prop_assert_eq!(display(&Value::Array(items)), joined);
        }

        /// A number, boolean or object param is shown as `Value`'s own `Display` shows it.
        #[test]
        fn display_is_value_display(
            float in any::<f64>(),
            int in any::<i64>(),
            uint in any::<u64>(),
            flag in any::<bool>(),
            text in r#"[a-z"\\\u{e9}\u{1f4de}\n]{0,6}"#,
        ) {
            for value in [
                json!(float), json!(int), json!(uint), json!(flag),
                json!({"text": text, "n": [float, int], "o": {"b": flag, "z": null}}),
            ] {
                prop_assert_eq!(display(&value), value.to_string());
            }
        }
    }

    #[test]
    fn every_kyc_code_speaks_three_languages() {
        for code in ErrorCode::ALL
            .iter()
            .filter(|c| c.as_str().starts_with("kyc_"))
        {
            assert!(
                has_template(*code),
                "{code} lacks a message in some language"
            );
        }
    }

    #[test]
    fn placeholders_are_filled_and_unknown_ones_kept() {
        let mut params = Details::new();
        params.insert("label".into(), "Business name".into());
        params.insert("allowed".into(), serde_json::json!(["Wien", "Graz"]));
        let filled = |key: &str| params.get(key).map(display);
        assert_eq!(
            render(ErrorCode::KycMissing, Lang::Es, &filled, ""),
            "Business name es obligatorio."
        );
        assert_eq!(
            render(ErrorCode::KycAddressAreaNotAllowed, Lang::En, &filled, ""),
            "The numbers are tied to an area: the address must be in Wien, Graz."
        );
        assert_eq!(
            render(ErrorCode::KycTextEmpty, Lang::En, &|_| None, ""),
            "Enter {label}."
        );
        assert_eq!(Lang::parse("pt_br"), Lang::PtBr);
        assert_eq!(Lang::parse("es-MX"), Lang::Es);
        assert_eq!(Lang::parse("de"), Lang::En);
    }
}
