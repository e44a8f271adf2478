//! The Paygate's customer vault (Kundentresor / Customer Data Storage): customers, stored cards
//! and pseudo card numbers. Real PANs never leave this module except to the authorisation step.

use std::collections::HashMap;
use std::sync::Mutex;

use serde_json::{json, Value};

use crate::{cards, clock, ids};

/// One stored card.
#[derive(Debug, Clone)]
pub struct PaymentMethod {
    /// `pm_…` id.
    pub id: String,
    /// Real PAN (never leaves the Paygate).
    pub pan: String,
    /// Pseudo card number.
    pub pcn: String,
    /// Cardholder name.
    pub holder: String,
    /// Computop brand spelling.
    pub brand: String,
    /// `YYYYMM`.
    pub expiry: String,
    /// Creation timestamp.
    pub created_at: String,
    /// Last update timestamp.
    pub updated_at: String,
    /// Last use timestamp.
    pub last_used_at: String,
}

impl PaymentMethod {
    /// REST / webhook JSON (field names of the vault webhook, `cardHolderName`).
    pub fn rest_json(&self) -> Value {
        json!({
            "id": self.id, "type": "card", "last4Digits": &self.pan[self.pan.len().saturating_sub(4)..],
            "pseudoCardNumber": self.pcn, "cardHolderName": self.holder, "brand": self.brand,
            "expiryDate": self.expiry, "createdAt": self.created_at, "updatedAt": self.updated_at,
            "lastUsedAt": self.last_used_at,
        })
    }

    /// The pseudo-card-number prefill `card` object (the shape of tests/fixtures/prefill-card-response.json).
    pub fn prefill_json(&self) -> Value {
        json!({
            "cardholderName": self.holder, "number": self.pcn, "expiryDate": self.expiry,
            "bin": {"accountBIN": &self.pan[..6.min(self.pan.len())]}, "brand": self.brand, "product": "",
            "source": "CREDIT", "type": "STANDARD",
            "country": {"countryName": "Germany", "countryA2": "DE", "countryA3": "DEU", "countryNumber": "276"},
            "issuer": "SANDBOX ISSUER BANK",
        })
    }
}

/// One vault customer.
#[derive(Debug, Clone)]
pub struct Customer {
    /// Paygate id (`gatewayCustomerId` = CDS `CustomerReferenceId`, 32 hex).
    pub id: String,
    /// Merchant's id (`merchantCustomerId` = CDS `CustomerId`).
    pub merchant_customer_id: String,
    /// Owning merchant.
    pub merchant_id: String,
    /// First name.
    pub first_name: String,
    /// Last name.
    pub last_name: String,
    /// E-mail.
    pub email: String,
    /// Creation timestamp.
    pub created: String,
    /// Stored cards.
    pub methods: Vec<PaymentMethod>,
}

impl Customer {
    /// REST customer JSON.
    pub fn rest_json(&self) -> Value {
        json!({
            "id": self.id, "merchantCustomerId": self.merchant_customer_id, "merchantId": self.merchant_id,
            "scope": self.merchant_id, "firstName": self.first_name, "lastName": self.last_name,
            "email": self.email, "createdAt": self.created,
            "paymentMethods": self.methods.iter().map(PaymentMethod::rest_json).collect::<Vec<_>>(),
        })
    }

    /// CDS `CustomerInfos` JSON (the shape of tests/fixtures/cds-customer-infos.decoded.json).
    pub fn cds_json(&self) -> Value {
        let now = clock::year_month();
        json!({
            "CustomerReferenceId": self.id, "CustomerId": self.merchant_customer_id, "MID": self.merchant_id,
            "Scope": self.merchant_id, "Created": self.created, "Changed": self.created,
            "CustomerDataInfos": self.methods.iter().map(|m| json!({
                "CCNrMasked": cards::mask(&m.pan), "Expiry": m.expiry, "Holder": m.holder, "Brand": m.brand,
                "PCNr": m.pcn, "Type": "CreditCard", "CustomerDataId": m.id, "CustomerReferenceId": self.id,
                "Scope": self.merchant_id, "Active": cards::expiry_ok(&m.expiry, now).is_ok(),
                "LastUsed": m.last_used_at, "Created": m.created_at, "Changed": m.updated_at,
            })).collect::<Vec<_>>(),
        })
    }

    /// A new customer of `merchant_id` without cards.
    fn new(merchant_id: &str, info: &CustomerInfo) -> Customer {
        Customer {
            id: ids::id32(),
            merchant_customer_id: info.merchant_customer_id.clone(),
            merchant_id: merchant_id.to_string(),
            first_name: info.first_name.clone(),
            last_name: info.last_name.clone(),
            email: info.email.clone(),
            created: clock::iso_now(),
            methods: Vec::new(),
        }
    }

    /// Stores `card`: a card with the same PAN and expiry is updated, another is added. Returns
    /// the stored method and whether it is new.
    fn put_method(&mut self, card: &NewCard) -> (PaymentMethod, bool) {
        let now = clock::iso_now();
        let used = clock::iso_now_offset(card.last_used_offset_s);
        if let Some(m) = self
            .methods
            .iter_mut()
            .find(|m| m.pan == card.pan && m.expiry == card.expiry)
        {
            m.holder = card.holder.clone();
            m.updated_at = now;
            m.last_used_at = used;
            return (m.clone(), false);
        }
        let m = PaymentMethod {
            id: format!("pm_{}", ids::hex(24)),
            pan: card.pan.clone(),
            pcn: ids::pseudo_card_number(&card.pan),
            holder: card.holder.clone(),
            brand: cards::brand_of(&card.pan).to_string(),
            expiry: card.expiry.clone(),
            created_at: now.clone(),
            updated_at: now,
            last_used_at: used,
        };
        self.methods.push(m.clone());
        (m, true)
    }
}

/// A card to store.
#[derive(Debug, Clone)]
pub struct NewCard {
    /// Real PAN.
    pub pan: String,
    /// Cardholder name.
    pub holder: String,
    /// `YYYYMM`.
    pub expiry: String,
    /// `lastUsedAt` offset in seconds from now (demo data ordering); 0 for "now".
    pub last_used_offset_s: i64,
}

/// Who a customer is, as the merchant tells the Paygate (`customerInfo`).
#[derive(Debug, Clone, Default)]
pub struct CustomerInfo {
    /// `merchantCustomerId`.
    pub merchant_customer_id: String,
    /// `firstName`.
    pub first_name: String,
    /// `lastName`.
    pub last_name: String,
    /// `email`.
    pub email: String,
}

/// The changeable fields of `PATCH /customers/{id}`; `None` leaves a field as it is.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CustomerUpdate {
    /// `firstName`.
    pub first_name: Option<String>,
    /// `lastName`.
    pub last_name: Option<String>,
    /// `email`.
    pub email: Option<String>,
}

/// The Paygate id of a merchant's customer named by Paygate id or by merchantCustomerId.
fn find_id(map: &HashMap<String, Customer>, merchant_id: &str, id: &str) -> Option<String> {
    map.get(id)
        .filter(|c| c.merchant_id == merchant_id)
        .or_else(|| {
            map.values()
                .find(|c| c.merchant_id == merchant_id && c.merchant_customer_id == id)
        })
        .map(|c| c.id.clone())
}

/// The vault store.
#[derive(Debug, Default)]
pub struct Vault {
    customers: Mutex<HashMap<String, Customer>>,
}

impl Vault {
    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<String, Customer>> {
        crate::state::lock(&self.customers)
    }

    /// Finds a customer by Paygate id or by merchantCustomerId, for one merchant.
    pub fn customer(&self, merchant_id: &str, id: &str) -> Option<Customer> {
        let map = self.lock();
        map.get(&find_id(&map, merchant_id, id)?).cloned()
    }

    /// All customers of a merchant.
    pub fn customers(&self, merchant_id: &str) -> Vec<Customer> {
        let mut v: Vec<Customer> = self
            .lock()
            .values()
            .filter(|c| c.merchant_id == merchant_id)
            .cloned()
            .collect();
        v.sort_by(|a, b| a.created.cmp(&b.created).then(a.id.cmp(&b.id)));
        v
    }

    /// Stores a card for a customer (created on first use). Returns the customer and the method,
    /// and whether the method is new (same PAN and expiry updates the existing one).
    pub fn store(
        &self,
        merchant_id: &str,
        info: &CustomerInfo,
        card: &NewCard,
    ) -> (Customer, PaymentMethod, bool) {
        let mut map = self.lock();
        let existing = map
            .values()
            .find(|c| {
                c.merchant_id == merchant_id && c.merchant_customer_id == info.merchant_customer_id
            })
            .map(|c| c.id.clone());
        let id = existing.unwrap_or_else(|| {
            let c = Customer::new(merchant_id, info);
            let id = c.id.clone();
            map.insert(id.clone(), c);
            id
        });
        let Some(customer) = map.get_mut(&id) else {
            unreachable!("customer inserted above")
        };
        let (method, created) = customer.put_method(card);
        (customer.clone(), method, created)
    }

    /// Resolves a pseudo card number of a merchant to its customer id and stored card.
    pub fn resolve_pcn(&self, merchant_id: &str, pcn: &str) -> Option<(String, PaymentMethod)> {
        self.lock()
            .values()
            .filter(|c| c.merchant_id == merchant_id)
            .find_map(|c| {
                c.methods
                    .iter()
                    .find(|m| m.pcn == pcn)
                    .map(|m| (c.id.clone(), m.clone()))
            })
    }

    /// Marks a stored card as used now.
    pub fn touch(&self, customer_id: &str, method_id: &str) {
        if let Some(m) = self
            .lock()
            .get_mut(customer_id)
            .and_then(|c| c.methods.iter_mut().find(|m| m.id == method_id))
        {
            m.last_used_at = clock::iso_now();
        }
    }

    /// Deletes one card; returns it when it existed for that customer.
    pub fn delete_method(
        &self,
        merchant_id: &str,
        customer: &str,
        method_id: &str,
    ) -> Option<(Customer, PaymentMethod)> {
        let mut map = self.lock();
        let id = find_id(&map, merchant_id, customer)?;
        let c = map.get_mut(&id)?;
        let pos = c.methods.iter().position(|m| m.id == method_id)?;
        let m = c.methods.remove(pos);
        Some((c.clone(), m))
    }

    /// Updates a customer's first name, last name and e-mail (each when given); the ids stay.
    pub fn update_customer(
        &self,
        merchant_id: &str,
        customer: &str,
        update: &CustomerUpdate,
    ) -> Option<Customer> {
        let mut map = self.lock();
        let id = find_id(&map, merchant_id, customer)?;
        let c = map.get_mut(&id)?;
        if let Some(v) = &update.first_name {
            c.first_name.clone_from(v);
        }
        if let Some(v) = &update.last_name {
            c.last_name.clone_from(v);
        }
        if let Some(v) = &update.email {
            c.email.clone_from(v);
        }
        Some(c.clone())
    }

    /// Deletes a customer and all their cards.
    pub fn delete_customer(&self, merchant_id: &str, customer: &str) -> Option<Customer> {
        let mut map = self.lock();
        let id = find_id(&map, merchant_id, customer)?;
        map.remove(&id)
    }
}
