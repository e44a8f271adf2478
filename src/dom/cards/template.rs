//! Markup from static templates: each component's HTML is a compile-time constant without data,
//! parsed once per page in an inert `<template>` and cloned per render. Data goes in only
//! afterwards, as text or as properties and fixed attributes of the clone. Copies with fixed
//! texts already in (the last texts' labels, a brand's badge) are kept beside the templates.

use std::cell::RefCell;

use wasm_bindgen::{JsCast, JsValue};
use web_sys::{Document, Element, NodeList};

use crate::dom::element::document;
use crate::i18n::Texts;

/// Where a piece of markup is kept in the page's cache; each component names its slots.
pub(crate) type TemplateKey = usize;

/// How many slots there are.
pub(crate) const SLOTS: usize = 32;

thread_local! {
    static CACHE: RefCell<Vec<Option<Element>>> = const { RefCell::new(Vec::new()) };
    /// The texts put into the markup kept in each slot, for the slots that [`localized`] fills.
    static TEXTS_IN: RefCell<[Option<Texts>; SLOTS]> = const { RefCell::new([const { None }; SLOTS]) };
}

/// The markup kept in `slot`, if any.
fn kept(slot: TemplateKey) -> Option<Element> {
    CACHE.with(|c| c.borrow().get(slot).cloned().flatten())
}

/// Keeps `el` in `slot`.
fn keep(slot: TemplateKey, el: &Element) {
    CACHE.with(|c| {
        let mut c = c.borrow_mut();
        if c.len() < SLOTS {
            c.resize(SLOTS, None);
        }
        if let Some(s) = c.get_mut(slot) {
            *s = Some(el.clone());
        }
    });
}

/// A deep copy of `el`.
pub(crate) fn copy(el: &Element) -> Result<Element, JsValue> {
    Ok(el.clone_node_with_deep(true)?.unchecked_into())
}

/// The markup kept in `slot`, made by `make` (and kept) on first use; not a copy.
pub(crate) fn prototype(
    slot: TemplateKey,
    make: &dyn Fn() -> Result<Element, JsValue>,
) -> Result<Element, JsValue> {
    if let Some(el) = kept(slot) {
        return Ok(el);
    }
    let el = make()?;
    keep(slot, &el);
    Ok(el)
}

/// The markup kept in `slot` with `texts` in, made by `make` (and kept, in place of markup with
/// other texts) unless the kept markup has the same texts; not a copy.
pub(crate) fn localized(
    slot: TemplateKey,
    texts: &Texts,
    make: &dyn Fn() -> Result<Element, JsValue>,
) -> Result<Element, JsValue> {
    let same = TEXTS_IN.with(|c| {
        c.borrow()
            .get(slot)
            .is_some_and(|t| t.as_ref() == Some(texts))
    });
    if let (true, Some(el)) = (same, kept(slot)) {
        return Ok(el);
    }
    let el = make()?;
    keep(slot, &el);
    TEXTS_IN.with(|c| {
        if let Some(t) = c.borrow_mut().get_mut(slot) {
            *t = Some(texts.clone());
        }
    });
    Ok(el)
}

/// A copy of the template `html` kept in `slot`, parsed on first use.
pub(crate) fn clone(slot: TemplateKey, html: &'static str) -> Result<Element, JsValue> {
    copy(&prototype(slot, &|| parse(&document()?, html))?)
}

/// Parses `html` (a constant: never data) in an inert `<template>` and imports its element
/// into `doc`.
fn parse(doc: &Document, html: &'static str) -> Result<Element, JsValue> {
    let template = doc.create_element("template")?;
    template.set_inner_html(html);
    let content: web_sys::Node =
        js_sys::Reflect::get(&template, &"content".into())?.unchecked_into();
    let imported = doc.import_node_with_deep(&content, true)?;
    js_sys::Reflect::get(&imported, &"firstElementChild".into())?
        .dyn_into()
        .map_err(|_| missing())
}

/// The error of a template without the element looked for (a bug in its description).
pub(crate) fn missing() -> JsValue {
    JsValue::from_str("template element missing")
}

/// `prefix` and `name` joined: an element id of one component instance.
pub(crate) fn id(prefix: &str, name: &str) -> String {
    let mut id = String::with_capacity(prefix.len() + name.len());
    id.push_str(prefix);
    id.push_str(name);
    id
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
            .ok_or_else(missing)
    }

    /// The `i`-th element as the web-sys type `T` that the template's description gives it
    /// (an `input`).
    pub(crate) fn get_as<T: JsCast>(&self, i: u32) -> Result<T, JsValue> {
        self.get(i).map(JsCast::unchecked_into)
    }
}
