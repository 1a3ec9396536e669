//! Phone numbers, countries, pricing and the number lifecycle.

use pyo3::prelude::*;
use wanumbers::pricing::{self, FleetNumber};
use wanumbers::status::{self, NumberEvent, NumberStatus};
use wanumbers::{CountryCode, PhoneFormat, phone};

use crate::OrRaise;
use crate::convert::{
    catalog_arg, date_arg, int, model, opt_date_arg, opt_text, opt_time_arg, text, time_arg, typed,
    typed_list,
};

// ---------------------------------------------------------------------------------------------
// Phone

#[pyfunction]
#[pyo3(signature = (raw, region=None))]
pub(crate) fn normalize_phone(
    py: Python<'_>,
    raw: &Bound<'_, PyAny>,
    region: Option<&Bound<'_, PyAny>>,
) -> PyResult<String> {
    let (raw, region) = (text(raw, "raw")?, opt_text(region, "region")?);
    phone::normalize(&raw, region.as_deref()).or_raise(py)
}

#[pyfunction]
pub(crate) fn normalize_phone_in_region(
    py: Python<'_>,
    raw: &Bound<'_, PyAny>,
    region: &Bound<'_, PyAny>,
) -> PyResult<String> {
    let (raw, region) = (text(raw, "raw")?, text(region, "region")?);
    phone::parse_in_region(&raw, &region)
        .map(|n| n.e164().to_owned())
        .or_raise(py)
}

#[pyfunction]
#[pyo3(
    signature = (raw, region=None, format=None),
    text_signature = "(raw, region=None, format='international')"
)]
pub(crate) fn format_phone(
    py: Python<'_>,
    raw: &Bound<'_, PyAny>,
    region: Option<&Bound<'_, PyAny>>,
    format: Option<&Bound<'_, PyAny>>,
) -> PyResult<String> {
    let (raw, region) = (text(raw, "raw")?, opt_text(region, "region")?);
    let format =
        PhoneFormat::parse_or_default(opt_text(format, "format")?.as_deref()).or_raise(py)?;
    phone::parse(&raw, region.as_deref())
        .map(|n| n.format(format))
        .or_raise(py)
}

#[pyfunction]
#[pyo3(
    signature = (region, r#type=None, format=None),
    text_signature = "(region, type='mobile', format='international')"
)]
pub(crate) fn example_phone(
    py: Python<'_>,
    region: &Bound<'_, PyAny>,
    r#type: Option<&Bound<'_, PyAny>>,
    format: Option<&Bound<'_, PyAny>>,
) -> PyResult<Option<String>> {
    let (region, kind) = (text(region, "region")?, opt_text(r#type, "type")?);
    let format = opt_text(format, "format")?;
    phone::example_written(&region, kind.as_deref(), format.as_deref()).or_raise(py)
}

#[pyfunction]
#[pyo3(signature = (raw, region=None))]
pub(crate) fn check_phone<'py>(
    py: Python<'py>,
    raw: &Bound<'py, PyAny>,
    region: Option<&Bound<'py, PyAny>>,
) -> PyResult<Bound<'py, PyAny>> {
    let (raw, region) = (text(raw, "raw")?, opt_text(region, "region")?);
    let check = phone::check(&raw, region.as_deref()).or_raise(py)?;
    Ok(Bound::new(py, crate::phone_check::PyPhoneCheck::from(check))?.into_any())
}

// ---------------------------------------------------------------------------------------------
// Countries

#[pyfunction]
pub(crate) fn is_country_code(code: &Bound<'_, PyAny>) -> PyResult<bool> {
    Ok(wanumbers::is_country_code(&text(code, "code")?))
}

#[pyfunction]
pub(crate) fn country_name(code: &Bound<'_, PyAny>) -> PyResult<Option<&'static str>> {
    Ok(wanumbers::country_name(&text(code, "code")?))
}

#[pyfunction]
pub(crate) fn country_info<'py>(
    py: Python<'py>,
    code: &Bound<'py, PyAny>,
) -> PyResult<Bound<'py, PyAny>> {
    let c = CountryCode::parse(&text(code, "code")?).or_raise(py)?;
    typed(py, "CountryInfo", &c.info())
}

#[pyfunction]
pub(crate) fn normalize_country_code(
    py: Python<'_>,
    code: &Bound<'_, PyAny>,
) -> PyResult<&'static str> {
    CountryCode::normalize(&text(code, "code")?)
        .map(CountryCode::as_str)
        .or_raise(py)
}

#[pyfunction]
#[pyo3(signature = (catalog=None))]
pub(crate) fn countries<'py>(
    py: Python<'py>,
    catalog: Option<&Bound<'py, PyAny>>,
) -> PyResult<Bound<'py, PyAny>> {
    let catalog = catalog_arg(py, catalog)?;
    typed_list(py, "Country", catalog.countries())
}

#[pyfunction]
#[pyo3(signature = (code, catalog=None))]
pub(crate) fn country<'py>(
    py: Python<'py>,
    code: &Bound<'py, PyAny>,
    catalog: Option<&Bound<'py, PyAny>>,
) -> PyResult<Bound<'py, PyAny>> {
    let code = text(code, "code")?;
    let catalog = catalog_arg(py, catalog)?;
    let entry = catalog.get(&code).or_raise(py)?;
    typed(py, "Country", entry)
}

// ---------------------------------------------------------------------------------------------
// Pricing

#[pyfunction]
pub(crate) fn prorate_cents(
    py: Python<'_>,
    monthly_cents: &Bound<'_, PyAny>,
    active_days: &Bound<'_, PyAny>,
    days_in_month: &Bound<'_, PyAny>,
) -> PyResult<u64> {
    pricing::prorate_cents(
        int(monthly_cents, "monthly_cents")?,
        int(active_days, "active_days")?,
        int(days_in_month, "days_in_month")?,
    )
    .or_raise(py)
}

#[pyfunction]
pub(crate) fn days_in_month(
    py: Python<'_>,
    year: &Bound<'_, PyAny>,
    month: &Bound<'_, PyAny>,
) -> PyResult<u8> {
    pricing::days_in_month(int(year, "year")?, int(month, "month")?).or_raise(py)
}

#[pyfunction]
pub(crate) fn invoice<'py>(
    py: Python<'py>,
    numbers: &Bound<'py, PyAny>,
    start: &Bound<'py, PyAny>,
    end: &Bound<'py, PyAny>,
) -> PyResult<Bound<'py, PyAny>> {
    let numbers: Vec<FleetNumber> = model(numbers, "numbers")?;
    let (start, end) = (date_arg(start, "start")?, date_arg(end, "end")?);
    let inv = py
        .detach(|| pricing::invoice(&numbers, start, end))
        .or_raise(py)?;
    typed(py, "Invoice", &inv)
}

#[pyfunction]
pub(crate) fn run_rate<'py>(
    py: Python<'py>,
    numbers: &Bound<'py, PyAny>,
) -> PyResult<Bound<'py, PyAny>> {
    let numbers: Vec<FleetNumber> = model(numbers, "numbers")?;
    typed(py, "RunRate", &pricing::run_rate(&numbers).or_raise(py)?)
}

#[pyfunction]
#[pyo3(
    signature = (country, quantity=None, start=None, catalog=None),
    text_signature = "(country, quantity=1, start=None, catalog=None)"
)]
pub(crate) fn quote<'py>(
    py: Python<'py>,
    country: &Bound<'py, PyAny>,
    quantity: Option<&Bound<'py, PyAny>>,
    start: Option<&Bound<'py, PyAny>>,
    catalog: Option<&Bound<'py, PyAny>>,
) -> PyResult<Bound<'py, PyAny>> {
    let country = text(country, "country")?;
    let quantity = match quantity.filter(|q| !q.is_none()) {
        Some(q) => int(q, "quantity")?,
        None => 1,
    };
    let start = opt_date_arg(start, "start")?;
    let catalog = catalog_arg(py, catalog)?;
    typed(
        py,
        "Quote",
        &pricing::quote(&catalog, &country, quantity, start).or_raise(py)?,
    )
}

#[pyfunction]
pub(crate) fn format_usd(cents: &Bound<'_, PyAny>) -> PyResult<String> {
    Ok(pricing::format_usd(int(cents, "cents")?))
}

#[pyfunction]
pub(crate) fn format_monthly(cents: &Bound<'_, PyAny>) -> PyResult<String> {
    Ok(pricing::format_monthly(int(cents, "cents")?))
}

// ---------------------------------------------------------------------------------------------
// Status

#[pyfunction]
pub(crate) fn next_status(
    py: Python<'_>,
    status: &Bound<'_, PyAny>,
    event: &Bound<'_, PyAny>,
) -> PyResult<String> {
    let (status, event) = (text(status, "status")?, text(event, "event")?);
    let event = NumberEvent::parse(&event).or_raise(py)?;
    status::next(&NumberStatus::from(status.as_str()), event)
        .map(|s| s.as_str().to_owned())
        .or_raise(py)
}

#[pyfunction]
pub(crate) fn allowed_actions<'py>(
    py: Python<'py>,
    status: &Bound<'py, PyAny>,
) -> PyResult<Bound<'py, PyAny>> {
    let status = text(status, "status")?;
    typed(
        py,
        "AllowedActions",
        &status::allowed_actions(&NumberStatus::from(status.as_str())),
    )
}

#[pyfunction]
pub(crate) fn parse_status(py: Python<'_>, status: &Bound<'_, PyAny>) -> PyResult<String> {
    NumberStatus::parse(&text(status, "status")?)
        .map(|s| s.as_str().to_owned())
        .or_raise(py)
}

#[pyfunction]
pub(crate) fn webhook_event(name: &Bound<'_, PyAny>) -> PyResult<Option<&'static str>> {
    Ok(NumberEvent::from_webhook(&text(name, "name")?).map(NumberEvent::as_str))
}

#[pyfunction]
#[pyo3(signature = (status, *, now, view=None, declined_at=None))]
pub(crate) fn in_list_view(
    status: &Bound<'_, PyAny>,
    now: &Bound<'_, PyAny>,
    view: Option<&Bound<'_, PyAny>>,
    declined_at: Option<&Bound<'_, PyAny>>,
) -> PyResult<bool> {
    let status = text(status, "status")?;
    let now = time_arg(now, "now")?;
    let view = opt_text(view, "view")?;
    let declined_at = opt_time_arg(declined_at, "declined_at")?;
    let view = view.as_deref().map(NumberStatus::from);
    Ok(status::in_list_view(
        view.as_ref(),
        &NumberStatus::from(status.as_str()),
        declined_at,
        now,
    ))
}
