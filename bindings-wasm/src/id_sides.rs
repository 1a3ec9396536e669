//! The ID combiner (npm `wanumbers/id-sides`, its own small build, loaded when a form reaches
//! its upload step; the Node and sandbox builds carry it too): two photos of an ID, one PDF.

use wanumbers::kyc;
use wasm_bindgen::prelude::*;

use crate::{DOCUMENT_BOUND, JsResult, OrThrow, bytes_arg};

/// Front and back of an ID (JPEG, PNG or WEBP) on one PDF page.
#[wasm_bindgen(js_name = combineIdSides)]
pub fn combine_id_sides(front: JsValue, back: JsValue) -> JsResult<Vec<u8>> {
    let front = bytes_arg(&front, "front", DOCUMENT_BOUND)?;
    let back = bytes_arg(&back, "back", DOCUMENT_BOUND)?;
    kyc::combine_id_sides(&front, &back).or_throw()
}
