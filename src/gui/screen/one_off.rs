//! Boîtes « Appeler le dépôt de garantie… », « Facture hors loyer… » et « Avoir hors
//! loyer… » de la fenêtre Locations (S9 ; manuel : « Les demandes de versement du dépôt
//! de garantie », « Les factures/avoirs de dépense hors loyer »). Les options (location,
//! date de valeur, référence, montant, échéancier, message), puis « Simulation » : les
//! écritures prévues, sans rien écrire ; « Appliquer » crée le document et sa pièce, qui
//! paraissent dans la fenêtre Avis. Les refus s'affichent sous leur champ, en français.

use std::collections::{BTreeMap, HashMap};

use chrono::{Datelike, NaiveDate};
use iced::widget::{checkbox, row, text, Column};
use iced::Length;

use super::{Ctx, Data};
use crate::gui::widget::picker::{self, Picker};
use crate::gui::widget::treatment::{self, Report};
use crate::gui::widget::{inputs, Element};
use crate::gui::{text as wording, theme};
use crate::model::dates::format_date;
use crate::model::money::format_money;
use crate::model::{DocumentKind, Money};
use crate::treatments::deposit::{self, OneOffError, OneOffPlan, OneOffRequest};

/// Les zones de saisie de la boîte.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    Lease,
    ValueDate,
    Reference,
    Amount,
    Instalment,
    First,
    Message,
}

impl Field {
    /// Clé des messages d'erreur (celle des refus de `treatments::deposit`).
    pub fn key(self) -> &'static str {
        match self {
            Field::Lease => "location",
            Field::ValueDate => "date_valeur",
            Field::Reference => "reference",
            Field::Amount => "montant",
            Field::Instalment => "montant_echeance",
            Field::First => "premiere_echeance",
            Field::Message => "message",
        }
    }
}

/// Identifiant de la zone de recherche de la location.
pub const LEASE_PICKER_ID: &str = "recherche-location";

/// Clé des refus qui portent sur le règlement par échéances.
const SETTLEMENT: &str = "reglement";

/// Ce que l'utilisateur fait dans la boîte.
#[derive(Debug, Clone)]
pub enum Message {
    Input(Field, String),
    /// Recherche et choix de la location.
    Lease(picker::Message),
    Instalments(bool),
    Treatment(treatment::Message),
}

/// Titre de la boîte d'une nature de document.
pub fn title(kind: DocumentKind) -> &'static str {
    match kind {
        DocumentKind::DepositCall => wording::DEPOSIT_TITLE,
        DocumentKind::Invoice => wording::INVOICE_TITLE,
        DocumentKind::CreditNote | DocumentKind::Notice | DocumentKind::Settlement => {
            wording::CREDIT_NOTE_TITLE
        }
    }
}

/// Nom de fichier proposé pour le compte rendu.
pub fn stem(kind: DocumentKind) -> &'static str {
    match kind {
        DocumentKind::DepositCall => wording::DEPOSIT_STEM,
        DocumentKind::Invoice => wording::INVOICE_STEM,
        DocumentKind::CreditNote | DocumentKind::Notice | DocumentKind::Settlement => {
            wording::CREDIT_NOTE_STEM
        }
    }
}

/// Modèle comptable de la pièce (montré dans l'aide de la boîte).
fn template(kind: DocumentKind) -> &'static str {
    match kind {
        DocumentKind::DepositCall => "Loc_FACT DG",
        DocumentKind::Invoice => "Loc_FACT DV",
        DocumentKind::CreditNote | DocumentKind::Notice | DocumentKind::Settlement => {
            "Loc_AVOIR DV"
        }
    }
}

/// Les options de la boîte, telles que tapées.
#[derive(Debug, Clone)]
pub struct OneOff {
    pub kind: DocumentKind,
    pub lease: String,
    /// Recherche de la location (référence, locataire, lot) parmi toutes.
    pub picker: Picker,
    /// Locataire de la location choisie (référence et nom), pour mémoire.
    pub tenant: String,
    pub value_date: String,
    pub reference: String,
    pub amount: String,
    pub instalments: bool,
    pub instalment: String,
    pub first: String,
    pub message: String,
    /// Dépôts déjà appelés au locataire (appel de dépôt seulement), ou l'erreur de calcul.
    pub previous: Option<Result<Money, String>>,
    errors: BTreeMap<&'static str, String>,
    general: Option<String>,
    /// La demande simulée : « Appliquer » enregistre exactement celle-là.
    planned: Option<OneOffRequest>,
}

impl OneOff {
    /// Boîte ouverte sur la location `lease` : date de valeur au début de la location
    /// pour un dépôt, à la date du jour sinon.
    pub fn new(kind: DocumentKind, lease: &str, ctx: &Ctx) -> Self {
        let mut dialog = OneOff {
            kind,
            lease: lease.to_string(),
            picker: Picker::shared(
                ctx.data.lease_choices(),
                lease,
                wording::LEASE_PICKER_PLACEHOLDER,
                LEASE_PICKER_ID,
            ),
            tenant: String::new(),
            value_date: format_date(ctx.db.today),
            reference: String::new(),
            amount: String::new(),
            instalments: false,
            instalment: String::new(),
            first: String::new(),
            message: String::new(),
            previous: None,
            errors: BTreeMap::new(),
            general: None,
            planned: None,
        };
        dialog.lease_changed(ctx);
        dialog
    }

    /// Message d'erreur sous un champ.
    pub fn error(&self, field: Field) -> Option<&str> {
        self.errors.get(field.key()).map(String::as_str)
    }

    /// Erreur qui ne porte sur aucun champ (base occupée…).
    pub fn general_error(&self) -> Option<&str> {
        self.general.as_deref()
    }

    /// La demande simulée, en attente de « Appliquer ».
    pub fn planned(&self) -> Option<&OneOffRequest> {
        self.planned.as_ref()
    }

    /// Applique une saisie.
    pub fn update(&mut self, message: Message, ctx: &Ctx) {
        match message {
            Message::Input(Field::Lease, value) => {
                self.picker.update(picker::Message::Query(value));
                self.lease = self.picker.chosen().unwrap_or_default().to_string();
                self.lease_changed(ctx);
            }
            Message::Lease(m) => {
                if let Some(lease) = self.picker.update(m) {
                    self.lease = lease;
                    self.lease_changed(ctx);
                }
            }
            Message::Input(field, value) => {
                let slot = match field {
                    Field::Lease => &mut self.lease,
                    Field::ValueDate => &mut self.value_date,
                    Field::Reference => &mut self.reference,
                    Field::Amount => &mut self.amount,
                    Field::Instalment => &mut self.instalment,
                    Field::First => &mut self.first,
                    Field::Message => &mut self.message,
                };
                *slot = value;
                self.errors.remove(field.key());
                if field == Field::ValueDate {
                    self.refresh_previous(ctx);
                }
            }
            Message::Instalments(on) => {
                self.instalments = on;
                self.errors.remove(SETTLEMENT);
                if on && self.first.trim().is_empty() {
                    self.first = inputs::opt_date(&self.value_date)
                        .ok()
                        .flatten()
                        .and_then(next_month)
                        .map(format_date)
                        .unwrap_or_default();
                }
            }
            Message::Treatment(_) => {}
        }
    }

    /// Nouvelle location choisie : son locataire, la date de valeur d'un dépôt (début de
    /// la location), les dépôts déjà appelés.
    fn lease_changed(&mut self, ctx: &Ctx) {
        self.errors.remove(Field::Lease.key());
        let lease = ctx.data.leases.iter().find(|l| l.reference == self.lease);
        self.tenant = lease
            .map(|l| wording::tenant_of_lease(&l.tenant, &ctx.data.party_name(&l.tenant)))
            .unwrap_or_default();
        if self.kind == DocumentKind::DepositCall {
            if let Some(l) = lease {
                self.value_date = format_date(l.start_date);
            }
        }
        self.refresh_previous(ctx);
    }

    /// Dépôts déjà appelés au locataire à la date de valeur (appel de dépôt).
    fn refresh_previous(&mut self, ctx: &Ctx) {
        if self.kind != DocumentKind::DepositCall {
            self.previous = None;
            return;
        }
        let tenant = ctx
            .data
            .leases
            .iter()
            .find(|l| l.reference == self.lease)
            .map(|l| l.tenant.clone());
        let at = inputs::opt_date(&self.value_date).ok().flatten();
        self.previous = match (tenant, at) {
            (Some(tenant), Some(at)) => Some(
                ctx.db
                    .read(|repo| deposit::previous_deposits(repo, &tenant, at))
                    .map_err(|e| e.to_string()),
            ),
            _ => None,
        };
    }

    /// La demande lue, ou les erreurs de saisie champ par champ.
    pub fn request(&self) -> Result<OneOffRequest, BTreeMap<&'static str, String>> {
        let mut errors = BTreeMap::new();
        let mut fail = |field: Field, message: String| {
            errors.insert(field.key(), message);
        };
        if self.lease.trim().is_empty() {
            fail(Field::Lease, wording::CHOOSE_LEASE.to_string());
        }
        let value_date = inputs::date(&self.value_date)
            .map_err(|e| fail(Field::ValueDate, e))
            .ok();
        let amount = inputs::money(&self.amount)
            .map_err(|e| fail(Field::Amount, e))
            .ok();
        if self.kind != DocumentKind::DepositCall && self.reference.trim().is_empty() {
            fail(Field::Reference, wording::REFERENCE_REQUIRED.to_string());
        }
        let instalments = if self.instalments && self.kind != DocumentKind::CreditNote {
            let each = inputs::money(&self.instalment)
                .map_err(|e| fail(Field::Instalment, e))
                .ok();
            let first = inputs::date(&self.first)
                .map_err(|e| fail(Field::First, e))
                .ok();
            each.zip(first)
        } else {
            None
        };
        match (value_date, amount) {
            (Some(value_date), Some(amount)) if errors.is_empty() => Ok(OneOffRequest {
                kind: self.kind,
                lease: self.lease.trim().to_string(),
                value_date,
                reference: self.reference.trim().to_string(),
                amount,
                instalments,
                message: self.message.trim().to_string(),
            }),
            _ => Err(errors),
        }
    }

    /// « Simulation » : lit la demande, prépare le document et sa pièce sans rien écrire
    /// (`deposit::run` en simulation) et rend le compte rendu ; un refus va sous son
    /// champ et la boîte reste sur ses options.
    pub fn simulate(&mut self, ctx: &Ctx) -> Option<Report> {
        self.errors.clear();
        self.general = None;
        self.planned = None;
        let request = match self.request() {
            Ok(request) => request,
            Err(errors) => {
                self.errors = errors;
                return None;
            }
        };
        let session = ctx.db.session.clone();
        let outcome = ctx
            .db
            .with_store(|store| Ok(deposit::run(store, &session, &request, true)));
        match outcome {
            Ok(Ok((plan, _))) => {
                let report = report(&plan, None, &account_labels(ctx.data));
                self.planned = Some(request);
                Some(report)
            }
            Ok(Err(error)) => {
                self.refused(error);
                None
            }
            Err(error) => {
                self.general = Some(error.to_string());
                None
            }
        }
    }

    /// Place un refus du traitement sous son champ (ou en tête de la boîte).
    fn refused(&mut self, error: OneOffError) {
        match error {
            OneOffError::Invalid { field, message } => {
                let known = [
                    Field::Lease,
                    Field::ValueDate,
                    Field::Reference,
                    Field::Amount,
                    Field::Instalment,
                    Field::First,
                    Field::Message,
                ]
                .iter()
                .any(|f| f.key() == field)
                    || field == SETTLEMENT;
                if known {
                    self.errors.insert(field, message);
                } else {
                    self.general = Some(message);
                }
            }
            other => self.general = Some(other.to_string()),
        }
    }

    /// Retour aux options (après un échec de l'application).
    pub fn reset(&mut self) {
        self.planned = None;
    }

    /// Les options de la boîte.
    pub fn view(&self) -> Element<'_, Message> {
        let label = |t: &'static str, required: bool| {
            let l = text(t)
                .size(theme::TEXT_BODY)
                .width(Length::Fixed(LABEL_WIDTH));
            if required {
                l.font(theme::FONT_BOLD)
            } else {
                l
            }
        };
        let input = |field: Field| -> Option<Box<dyn Fn(String) -> Message + '_>> {
            Some(Box::new(move |s| Message::Input(field, s)))
        };
        let invalid = |field: Field| self.errors.contains_key(field.key());
        let mut page = Column::new().spacing(theme::SPACE_M);
        page = page.push(line(
            label(wording::F_LEASE, true).into(),
            self.picker.view(invalid(Field::Lease), Message::Lease),
            None,
            self.error(Field::Lease),
        ));
        page = page.push(line(
            label(wording::GEN_VALUE_DATE, true).into(),
            inputs::date_input(
                &self.value_date,
                invalid(Field::ValueDate),
                input(Field::ValueDate),
            ),
            Some(
                if self.kind == DocumentKind::DepositCall {
                    wording::VALUE_DATE_DEPOSIT_HINT
                } else {
                    wording::VALUE_DATE_TODAY_HINT
                }
                .to_string(),
            ),
            self.error(Field::ValueDate),
        ));
        page = page.push(line(
            label(
                wording::F_DOCUMENT_REFERENCE,
                self.kind != DocumentKind::DepositCall,
            )
            .into(),
            inputs::text_field(
                "",
                &self.reference,
                invalid(Field::Reference),
                Length::Fill,
                input(Field::Reference),
            ),
            None,
            self.error(Field::Reference),
        ));
        let previous = match &self.previous {
            Some(Ok(amount)) => Some(wording::previous_deposits(&format_money(*amount))),
            Some(Err(e)) => Some(e.clone()),
            None => None,
        };
        page = page.push(line(
            label(wording::F_AMOUNT, true).into(),
            inputs::amount_input(&self.amount, invalid(Field::Amount), input(Field::Amount)),
            previous,
            self.error(Field::Amount),
        ));
        if self.kind != DocumentKind::CreditNote {
            let mut settlement = Column::new().spacing(theme::SPACE_M).push(line(
                label(wording::F_SETTLEMENT, false).into(),
                checkbox(self.instalments)
                    .label(wording::BY_INSTALMENTS)
                    .on_toggle(Message::Instalments)
                    .text_size(theme::TEXT_BODY)
                    .into(),
                None,
                self.errors.get(SETTLEMENT).map(String::as_str),
            ));
            if self.instalments {
                settlement = settlement
                    .push(line(
                        label(wording::F_INSTALMENT, true).into(),
                        inputs::amount_input(
                            &self.instalment,
                            invalid(Field::Instalment),
                            input(Field::Instalment),
                        ),
                        None,
                        self.error(Field::Instalment),
                    ))
                    .push(line(
                        label(wording::F_FIRST_INSTALMENT, true).into(),
                        inputs::date_input(&self.first, invalid(Field::First), input(Field::First)),
                        Some(wording::FIRST_INSTALMENT_HINT.to_string()),
                        self.error(Field::First),
                    ));
            }
            page = page.push(settlement);
        }
        page = page.push(line(
            label(wording::F_DOCUMENT_MESSAGE, false).into(),
            inputs::text_field(
                "",
                &self.message,
                invalid(Field::Message),
                Length::Fill,
                input(Field::Message),
            ),
            None,
            self.error(Field::Message),
        ));
        if let Some(general) = &self.general {
            page = page.push(
                text(general.as_str())
                    .size(theme::TEXT_BODY)
                    .style(theme::error_text),
            );
        }
        page.push(
            text(wording::one_off_hint(template(self.kind)))
                .size(theme::TEXT_SMALL)
                .style(theme::muted_text),
        )
        .into()
    }
}

/// Une ligne de la boîte : le libellé, puis la zone de saisie avec son aide et son
/// erreur dessous (la boîte est étroite : rien ne se met à droite de la zone).
pub(super) fn line<'a, Message: 'a>(
    name: Element<'a, Message>,
    input: Element<'a, Message>,
    hint: Option<String>,
    error: Option<&'a str>,
) -> Element<'a, Message> {
    let mut cell = Column::new().spacing(2.0).width(Length::Fill).push(input);
    if let Some(hint) = hint.filter(|h| !h.is_empty()) {
        cell = cell.push(text(hint).size(theme::TEXT_SMALL).style(theme::muted_text));
    }
    if let Some(message) = error {
        cell = cell.push(
            text(message)
                .size(theme::TEXT_SMALL)
                .style(theme::error_text),
        );
    }
    row![
        iced::widget::container(name).padding([theme::SPACE_XS + 2.0, 0.0]),
        cell
    ]
    .spacing(theme::SPACE_S)
    .into()
}

/// Largeur des libellés de la boîte.
pub(super) const LABEL_WIDTH: f32 = 190.0;

/// Premier jour du mois qui suit `date` (premier avis proposé pour un échéancier).
fn next_month(date: NaiveDate) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(date.year(), date.month(), 1)
        .and_then(|first| crate::model::dates::add_months(first, 1))
}

/// Intitulés des comptes du catalogue, pour le compte rendu.
pub fn account_labels(data: &Data) -> HashMap<String, String> {
    data.accounts
        .iter()
        .map(|a| (a.reference.clone(), a.label.clone()))
        .collect()
}

/// Compte rendu : le document, la pièce et ses écritures, l'échéancier ; `number` est le
/// numéro du document enregistré (`None` en simulation).
pub fn report(
    plan: &OneOffPlan,
    number: Option<&str>,
    accounts: &HashMap<String, String>,
) -> Report {
    let doc = &plan.document;
    let kind = doc.kind.label();
    let amount = format_money(doc.amount.abs());
    let mut report = Report::default();
    if doc.previous_deposits > Money::ZERO {
        report.line(
            true,
            wording::previous_deposits_line(&format_money(doc.previous_deposits)),
        );
    }
    let voucher = &plan.voucher;
    report.line(
        true,
        wording::planned_voucher(
            voucher.template.as_deref().unwrap_or_default(),
            &voucher.journal,
            &format_date(voucher.value_date),
        ),
    );
    for e in &voucher.entries {
        let (side, value) = if e.debit.is_zero() {
            (wording::CREDIT_SIDE, e.credit)
        } else {
            (wording::DEBIT_SIDE, e.debit)
        };
        report.line(
            true,
            wording::planned_entry(
                side,
                &e.account,
                accounts.get(&e.account).map(String::as_str).unwrap_or(""),
                e.tiers.as_deref(),
                &e.analytic,
                &format_money(value),
            ),
        );
    }
    if let Some(item) = &plan.item {
        report.line(
            true,
            wording::planned_instalments(
                &item.item,
                &format_money(item.initial_amount),
                &format_date(item.start_date),
            ),
        );
    }
    if !doc.message.is_empty() {
        report.line(true, wording::document_message(&doc.message));
    }
    match number {
        None => {
            report.summary =
                wording::one_off_planned(kind, &amount, &doc.lease, &format_date(doc.value_date));
            report.can_apply = true;
        }
        Some(number) => {
            report.summary = wording::one_off_created(kind, number, &amount, &doc.lease);
        }
    }
    report
}
