//! `checkEasyCreditOrder` and `EasyCreditSummary` for JavaScript (easyCredit v3).

use wasm_bindgen::prelude::*;

use crate::dom::js::{get, get_string, set};
use crate::easycredit::strings::problem;
use crate::easycredit::summary::SummaryView;
use crate::error::{ErrorCode, Message, PaygateError};
use crate::i18n::Locale;
use crate::protocol::decimal::decimal;
use crate::protocol::easycredit::{check_order, Financing, NotifyUrlRule, Order};
use crate::protocol::json::{from_js, Value};

#[wasm_bindgen(typescript_custom_section)]
const TS: &str = r#"
/** A person's name as easyCredit compares it. */
export interface EasyCreditName {
  firstName: string;
  lastName: string;
}
/** An invoice address (`bd…` parameters). */
export interface EasyCreditAddress extends EasyCreditName {
  street: string;
  streetNumber?: string;
  zip: string;
  city: string;
  /** ISO 3166-1 alpha-2, e.g. `DE`. */
  countryCode: string;
}
/** A delivery address (`sd…` parameters). */
export interface EasyCreditShippingAddress extends EasyCreditAddress {
  /** The delivery address is a packing station (it may then differ from the invoice address). */
  packingStation: boolean;
}
/** What `checkEasyCreditOrder` checks against the easyCredit v3 rules. */
export interface EasyCreditOrder {
  customer: EasyCreditName;
  billingAddress: EasyCreditAddress;
  shippingAddress: EasyCreditShippingAddress;
  /** `EMPLOYEE` | `EMPLOYEE_PUBLIC_SECTOR` | `WORKER` | `CIVIL_SERVANT` | `RETIREE` | `SELF_EMPLOYED` | `UNEMPLOYED` | `OTHER`. */
  employment?: string;
  /** Base64 of the documented article JSON (`{"shoppingCartInformation":[…]}`), ≤ 1024 characters. */
  articleList?: string;
  /** The URLNotify the backend will send: https, port 443, no parameters. */
  urlNotify?: string;
}
/** Options of `checkEasyCreditOrder`. */
export interface EasyCreditCheckOptions {
  /** Language of the messages. Default `en`. */
  locale?: 'de' | 'en';
}
/** One problem of an order, to be shown at its field. */
export interface EasyCreditProblem {
  /** Path of the field in the order: `billingAddress.firstName`, `urlNotify`, … */
  field: string;
  /** The Paygate's parameter name: `bdFirstName`, `URLNotify`, … */
  parameter: string;
  /** Stable code: `missing`, `too_long`, `invalid`, `name_mismatch`, `address_mismatch`,
   *  `employment_v2`, `employment_unknown`, `article_list_not_base64`, `article_list_shape`,
   *  `url_invalid`, `url_not_https`, `url_port`, `url_parameters`. */
  code: string;
  /** The message in the requested language. */
  message: string;
}
/** A JSON value of the decoded `Financing` object. */
export type EasyCreditJson = string | number | boolean | null | EasyCreditJson[] | { [key: string]: EasyCreditJson };
/** The decoded `Financing` object (English keys, any case; unknown keys are tolerated). */
export interface EasyCreditFinancing { [key: string]: EasyCreditJson }
/** Options of `new EasyCreditSummary(element, options)`. */
export interface EasyCreditSummaryOptions {
  /** The `Financing` answer of easyCreditDirect.aspx: base64 JSON, JSON text or the decoded object. */
  financing: string | EasyCreditFinancing;
  locale?: 'de' | 'en';
}
"#;

fn locale_of(options: &JsValue) -> Locale {
    get_string(options, "locale").map_or(Locale::En, |l| Locale::parse(&l))
}

/// Checks an order against the easyCredit v3 rules before the redirect: every problem as
/// `{field, parameter, code, message}`, an empty array when the order is fine. Throws
/// `PaygateError` `invalid_options` when `order` is not an object.
#[wasm_bindgen(js_name = checkEasyCreditOrder, unchecked_return_type = "EasyCreditProblem[]")]
pub fn check_easy_credit_order(
    #[wasm_bindgen(unchecked_param_type = "EasyCreditOrder")] order: JsValue,
    #[wasm_bindgen(unchecked_param_type = "EasyCreditCheckOptions")] options: JsValue,
) -> Result<JsValue, JsValue> {
    let value = from_js(&order);
    if !matches!(value, Value::Object(_)) {
        return Err(PaygateError::new(ErrorCode::InvalidOptions, Message::OrderNotObject).into());
    }
    let locale = locale_of(&options);
    let list = js_sys::Array::new();
    for p in check_order(&Order::from_value(&value), NotifyUrlRule::HttpsOnly) {
        let item: JsValue = js_sys::Object::new().into();
        set(&item, "field", &p.field.path().into());
        set(&item, "parameter", &p.field.parameter().into());
        set(&item, "code", &p.code.as_str().into());
        set(&item, "message", &problem(locale, p).into());
        list.push(&item);
    }
    Ok(list.into())
}

/// The confirmation block of a hire purchase: for a positive decision the number of
/// installments, the repayment plan, the total with the interest, the rates and the
/// pre-contractual link (only when it passes the URL policy); otherwise "not approved".
#[wasm_bindgen]
#[derive(Debug)]
pub struct EasyCreditSummary {
    view: Option<SummaryView>,
    approved: bool,
}

#[wasm_bindgen]
impl EasyCreditSummary {
    /// Renders the block into `element`; throws `PaygateError` `invalid_paygate_message`
    /// (nothing rendered; `detail` `base64`, `json`, `missing_field` or `format`) for a
    /// `Financing` that cannot be read.
    #[wasm_bindgen(constructor)]
    pub fn new(
        #[wasm_bindgen(unchecked_param_type = "Element")] element: JsValue,
        #[wasm_bindgen(unchecked_param_type = "EasyCreditSummaryOptions")] options: JsValue,
    ) -> Result<EasyCreditSummary, JsValue> {
        let host = element
            .dyn_into::<web_sys::Element>()
            .map_err(|_| PaygateError::new(ErrorCode::InvalidOptions, Message::NotElement))?;
        let financing = Financing::read(&from_js(&get(&options, "financing"))).map_err(|e| {
            let (message, arg) = e.message();
            PaygateError::new(ErrorCode::InvalidPaygateMessage, message)
                .with_detail(e.code())
                .with_arg(arg)
        })?;
        let approved = matches!(financing, Financing::Approved(_));
        let view = SummaryView::new(&host, &financing, locale_of(&options), &next_id())?;
        Ok(EasyCreditSummary {
            view: Some(view),
            approved,
        })
    }

    /// Whether easyCredit approved the hire purchase (the shop may then offer "confirm").
    #[wasm_bindgen(getter)]
    pub fn approved(&self) -> bool {
        self.approved
    }

    /// Removes the block from the page.
    pub fn destroy(&mut self) {
        if let Some(mut v) = self.view.take() {
            v.destroy();
        }
    }
}

thread_local! {
    static NEXT: core::cell::Cell<u32> = const { core::cell::Cell::new(0) };
}

/// A fresh id prefix (`pgwec1-`), so several blocks on one page never share an id.
fn next_id() -> String {
    let n = NEXT.with(|c| {
        c.set(c.get() + 1);
        c.get()
    });
    ["pgwec", &decimal(n.into()), "-"].concat()
}
