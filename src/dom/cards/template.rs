//! Markup from static templates: each component's HTML is a compile-time constant without data,
//! parsed once into a detached element of the page's document and cloned per render. Data goes
//! in only afterwards, as text or as properties and fixed attributes of the clone.

use std::cell::RefCell;
use std::thread::LocalKey;

use wasm_bindgen::{JsCast, JsValue};
use web_sys::{Document, Element, NodeList};

/// The parsed template of one kind of markup, once per page.
pub(crate) type Cache = RefCell<Option<Element>>;

/// Parses `html` (a constant: never data) in an inert `<template>` and imports its first
/// element into `doc`.
fn parse(doc: &Document, html: &'static str) -> Result<Element, JsValue> {
    let template = doc.create_element("template")?;
    template.set_inner_html(html);
    let content: web_sys::Node =
        js_sys::Reflect::get(&template, &JsValue::from_str("content"))?.unchecked_into();
    let first = content
        .first_child()
        .ok_or_else(|| JsValue::from_str("empty template"))?;
    Ok(doc.import_node_with_deep(&first, true)?.unchecked_into())
}

/// A deep copy of the element cached in `cache`, parsed from `html` on first use.
pub(crate) fn clone(
    cache: &'static LocalKey<Cache>,
    doc: &Document,
    html: &'static str,
) -> Result<Element, JsValue> {
    cache.with(|c| {
        if c.borrow().is_none() {
            *c.borrow_mut() = Some(parse(doc, html)?);
        }
        let proto = c.borrow();
        let proto = proto.as_ref().ok_or(JsValue::NULL)?;
        Ok(proto.clone_node_with_deep(true)?.unchecked_into())
    })
}

/// A deep copy of the element in slot `slot` of `cache`, made by `make` on first use.
pub(crate) fn clone_slot(
    cache: &'static LocalKey<RefCell<Vec<Option<Element>>>>,
    slot: usize,
    make: impl FnOnce() -> Result<Element, JsValue>,
) -> Result<Element, JsValue> {
    cache.with(|c| {
        let cached = c.borrow().get(slot).cloned().flatten();
        let proto = match cached {
            Some(el) => el,
            None => {
                let el = make()?;
                let mut c = c.borrow_mut();
                if c.len() <= slot {
                    c.resize(slot + 1, None);
                }
                c[slot] = Some(el.clone());
                el
            }
        };
        Ok(proto.clone_node_with_deep(true)?.unchecked_into())
    })
}

/// The elements inside a rendered template, in document order (the root not counted), picked
/// by the indices that the template's description fixes.
pub(crate) struct Parts(NodeList);

impl Parts {
    /// Every element inside `root`.
    pub(crate) fn of(root: &Element) -> Result<Self, JsValue> {
        root.query_selector_all("*").map(Parts)
    }

    /// The `i`-th element.
    pub(crate) fn get(&self, i: u32) -> Result<Element, JsValue> {
        self.0
            .item(i)
            .map(JsCast::unchecked_into)
            .ok_or_else(|| JsValue::from_str("template element missing"))
    }

    /// The `i`-th element as the web-sys type `T` (an `input`).
    pub(crate) fn get_as<T: JsCast>(&self, i: u32) -> Result<T, JsValue> {
        self.get(i)?
            .dyn_into()
            .map_err(|_| JsValue::from_str("unexpected template element"))
    }
}
