//! The confirmation block of a hire purchase, built from `Financing` as text only: for a
//! positive decision every figure the documents require, otherwise only "not approved".

use wasm_bindgen::JsValue;
use web_sys::Element;

use crate::dom::element::{document, with_text};
use crate::dom::js::append;
use crate::i18n::Locale;
use crate::protocol::decimal::decimal;
use crate::protocol::easycredit::{Approved, Financing};
use crate::protocol::url_policy::SafeUrl;

use super::format::{date, money, rate};
use super::strings::{text, Text};

/// The rendered block; [`SummaryView::destroy`] removes it.
#[derive(Debug)]
pub struct SummaryView {
    root: Element,
}

impl SummaryView {
    /// Appends the block for `financing` to `host`. `id` prefixes the element ids.
    pub fn new(
        host: &Element,
        financing: &Financing,
        locale: Locale,
        id: &str,
    ) -> Result<SummaryView, JsValue> {
        let doc = document()?;
        let heading_id = [id, "title"].concat();
        let state = match financing {
            Financing::Approved(_) => "pgw-ec-summary pgw-ec-approved",
            Financing::NotApproved(_) => "pgw-ec-summary pgw-ec-not-approved",
        };
        let root = with_text(
            &doc,
            "section",
            &[
                ("class", state),
                ("lang", locale.tag()),
                ("aria-labelledby", &heading_id),
            ],
            "",
        )?;
        append(
            &root,
            with_text(
                &doc,
                "h2",
                &[("id", &heading_id), ("class", "pgw-ec-title")],
                text(locale, Text::Title),
            )?,
        )?;
        match financing {
            Financing::Approved(plan) => figures(&doc, &root, plan, locale)?,
            Financing::NotApproved(_) => {
                append(
                    &root,
                    with_text(
                        &doc,
                        "p",
                        &[("class", "pgw-ec-denied")],
                        text(locale, Text::NotApproved),
                    )?,
                )?;
            }
        }
        host.append_child(&root)?;
        Ok(SummaryView { root })
    }

    /// Removes the block from the page.
    pub fn destroy(&mut self) {
        self.root.remove();
    }
}

/// The financing figures as a description list, in the documents' order.
fn figures(
    doc: &web_sys::Document,
    root: &Element,
    plan: &Approved,
    locale: Locale,
) -> Result<(), JsValue> {
    let list = with_text(doc, "dl", &[("class", "pgw-ec-figures")], "")?;
    let mut rows = vec![
        (
            Text::Installments,
            decimal(plan.number_of_installments.into()),
        ),
        (Text::Installment, money(locale, plan.installment)),
        (Text::LastInstallment, money(locale, plan.last_installment)),
        (Text::FirstDate, date(locale, plan.first_installment_date)),
        (Text::LastDate, date(locale, plan.last_installment_date)),
    ];
    if let Some(order) = plan.order_value {
        rows.push((Text::OrderValue, money(locale, order)));
    }
    rows.extend([
        (Text::Interest, money(locale, plan.interest)),
        (Text::Total, money(locale, plan.total_value)),
        (Text::EffectiveRate, rate(locale, plan.effective_interest)),
        (Text::NominalRate, rate(locale, plan.nominal_interest)),
    ]);
    for (label, value) in rows {
        let row = with_text(doc, "div", &[("class", "pgw-ec-row")], "")?;
        append(&row, with_text(doc, "dt", &[], text(locale, label))?)?;
        append(&row, with_text(doc, "dd", &[], &value)?)?;
        list.append_child(&row)?;
    }
    root.append_child(&list)?;
    plan_and_link(doc, root, plan, locale)
}

/// The amortization plan's text and the link to the pre-contractual information, when given.
fn plan_and_link(
    doc: &web_sys::Document,
    root: &Element,
    plan: &Approved,
    locale: Locale,
) -> Result<(), JsValue> {
    if let Some(plan_text) = &plan.amortization_plan_text {
        append(
            root,
            with_text(
                doc,
                "h3",
                &[("class", "pgw-ec-plan-title")],
                text(locale, Text::Plan),
            )?,
        )?;
        append(
            root,
            with_text(doc, "p", &[("class", "pgw-ec-plan")], plan_text)?,
        )?;
    }
    let link = plan
        .url_pre_contractual_information
        .as_deref()
        .and_then(|u| SafeUrl::parse(u, "urlPreContractualInformation").ok());
    if let Some(url) = link {
        let p = with_text(doc, "p", &[("class", "pgw-ec-precontractual")], "")?;
        let attrs = [
            ("href", url.as_str()),
            ("target", "_blank"),
            ("rel", "noopener noreferrer"),
        ];
        append(
            &p,
            with_text(doc, "a", &attrs, text(locale, Text::PreContractual))?,
        )?;
        root.append_child(&p)?;
    }
    Ok(())
}
