//! Fenêtre « Locations » (manuel : « Saisie d'une fiche location ») : la liste des
//! contrats, et la fiche avec ses onglets Locataire, Périodes, Rubriques (deux tableaux :
//! facturation FAC, puis échéances et informations ECH + INF), Règlement, Révision, Avis,
//! Situation (avec « comptes de dépôts ») et Notes.

use chrono::{Datelike, NaiveDate};
use iced::widget::{checkbox, column, pick_list, row, text, Column as Col, Space};
use iced::{Alignment, Length, Task};

use super::one_off::{self, OneOff};
use super::records::{list_header, Rejected};
use super::situation::{self, Situation};
use super::{Ctx, Data, Event, Shortcut};
use crate::gui::widget::form::{self, Detail, Field, Form, Value, NONE};
use crate::gui::widget::table::{self, by_text, Order, Pane, Table};
use crate::gui::widget::treatment::{self, Report, Treatment};
use crate::gui::widget::{inputs, modal, tool_button, Element};
use crate::gui::{text as wording, theme};
use crate::model::dates::format_date;
use crate::model::money::format_money;
use crate::model::{
    ContractType, DocumentKind, Frequency, Gestion, Invalid, ItemPurpose, Lease, LeaseItem,
    LeasePeriod, PaymentInfo, PaymentMode, Term,
};
use crate::store::StoreError;
use crate::treatments::notices::{self, NoticeOptions, NoticePlan, Outcome};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Column {
    Reference,
    Unit,
    Tenant,
    Contract,
    Start,
    MoveOut,
    Payment,
}

pub const FILTER_ID: &str = "filtre-locations";

/// Onglets de la fiche.
pub const TAB_TENANT: usize = 0;
pub const TAB_PERIODS: usize = 1;
pub const TAB_ITEMS: usize = 2;
pub const TAB_PAYMENT: usize = 3;
pub const TAB_REVISION: usize = 4;
pub const TAB_NOTICES: usize = 5;
pub const TAB_SITUATION: usize = 6;
pub const TAB_NOTES: usize = 7;

/// Tableaux de détail.
pub const PERIODS: usize = 0;
pub const BILLING: usize = 1;
pub const OTHER: usize = 2;

fn labels<T: Copy>(all: &[T], label: fn(T) -> &'static str) -> Vec<&'static str> {
    all.iter().map(|v| label(*v)).collect()
}

fn columns() -> Vec<table::Column<Lease, Column>> {
    vec![
        table::Column::text(Column::Reference, wording::COL_REFERENCE, 2, |l| {
            &l.reference
        }),
        table::Column::text(Column::Unit, wording::COL_UNIT, 2, |l| &l.unit),
        table::Column::text(Column::Tenant, wording::COL_TENANT, 2, |l| &l.tenant),
        table::Column::computed(
            Column::Contract,
            wording::COL_CONTRACT,
            3,
            false,
            |l| l.contract_type.label().to_string(),
            |a, b| by_text(a.contract_type.label(), b.contract_type.label()),
        ),
        table::Column::computed(
            Column::Start,
            wording::COL_LEASE_START,
            2,
            false,
            |l| format_date(l.start_date),
            |a, b| a.start_date.cmp(&b.start_date),
        ),
        table::Column::computed(
            Column::MoveOut,
            wording::COL_MOVE_OUT,
            2,
            false,
            |l| l.move_out_date.map(format_date).unwrap_or_default(),
            |a, b| a.move_out_date.cmp(&b.move_out_date),
        ),
        table::Column::computed(
            Column::Payment,
            wording::COL_PAYMENT,
            2,
            false,
            |l| l.payment_mode.label().to_string(),
            |a, b| by_text(a.payment_mode.label(), b.payment_mode.label()),
        ),
    ]
}

fn panes() -> Vec<Pane<Lease>> {
    vec![
        Pane::Choice {
            label: wording::PANE_STATE,
            options: vec![
                wording::ALL,
                wording::LEASE_RUNNING,
                wording::LEASE_ENDED,
                wording::LEASE_LOCKED,
            ],
            selected: 0,
            test: |l, option| match option {
                1 => l.move_out_date.is_none(),
                2 => l.move_out_date.is_some(),
                _ => l.locked,
            },
        },
        Pane::Period {
            label: wording::PANE_LEASE_START,
            from: String::new(),
            to: String::new(),
            test: |l, from, to| {
                from.is_none_or(|f| l.start_date >= f) && to.is_none_or(|t| l.start_date <= t)
            },
        },
    ]
}

/// Colonnes communes aux deux tableaux de rubriques.
fn item_columns(data: &Data, with_purpose: bool, with_ceiling: bool) -> Vec<Field> {
    let gestions: Vec<String> = Gestion::ALL.iter().map(|g| g.code().to_string()).collect();
    // La rubrique du catalogue et le début identifient une rubrique enregistrée.
    let mut columns = vec![Field::choice(
        "rubrique",
        wording::F_ITEM,
        data.charge_items.iter().map(|c| c.reference.clone()),
        true,
    )
    .required()
    .fixed()
    .width(4)];
    if with_purpose {
        columns.push(
            Field::choice(
                "objet",
                wording::F_PURPOSE,
                [ItemPurpose::Instalment, ItemPurpose::Information]
                    .iter()
                    .map(|p| p.code().to_string()),
                false,
            )
            .required(),
        );
    }
    columns.extend([
        Field::choice("gestion", wording::F_GESTION, gestions, false)
            .required()
            .width(2),
        Field::text("type", wording::F_ITEM_TYPE)
            .required()
            .width(2),
        Field::check("active", wording::F_ACTIVE),
        Field::date("debut", wording::F_START)
            .required()
            .fixed()
            .width(3),
        Field::number("duree_mois", wording::F_MONTHS_SHORT).width(2),
        Field::date("fin", wording::F_END).width(3),
        Field::text("reference", wording::F_REF_SHORT).width(2),
        Field::amount("montant_initial", wording::F_INITIAL)
            .required()
            .width(3),
        Field::amount("montant_revise", wording::F_REVISED).width(3),
        Field::check("prorata", wording::F_PRORATA),
    ]);
    if with_ceiling {
        columns.push(Field::amount("plafond", wording::F_CEILING).width(2));
    }
    columns.extend([
        Field::check("a_augmenter", wording::F_TO_INCREASE),
        Field::date("date_revision", wording::F_REVISION_DATE).width(3),
    ]);
    columns
}

/// Formulaire d'une nouvelle location.
fn blank(data: &Data, today: NaiveDate) -> Form {
    let contract = labels(ContractType::ALL, ContractType::label);
    let frequency = labels(Frequency::ALL, Frequency::label);
    let term = labels(Term::ALL, Term::label);
    let modes = labels(PaymentMode::ALL, PaymentMode::label);
    let reasons: Vec<String> = crate::model::MoveOutReason::ALL
        .iter()
        .map(|r| r.label().to_string())
        .collect();
    let mut periods = Detail::new(
        wording::PERIODS_TABLE,
        TAB_PERIODS,
        vec![
            Field::date("debut", wording::F_START).required(),
            Field::number("duree_mois", wording::F_MONTHS).required(),
            Field::date("fin", wording::F_END),
            Field::date("preavis", wording::F_NOTICE_DATE),
        ],
    );
    periods.set_default("duree_mois", "12");
    let mut billing = Detail::new(
        wording::BILLING_TABLE,
        TAB_ITEMS,
        item_columns(data, false, true),
    );
    billing.set_default_flag("active", true);
    billing.set_default("gestion", Gestion::Rent.code());
    billing.set_default("plafond", "0,00");
    let mut other = Detail::new(
        wording::OTHER_TABLE,
        TAB_ITEMS,
        item_columns(data, true, false),
    );
    other.set_default_flag("active", true);
    other.set_default("gestion", Gestion::Deposit.code());
    let mut form = Form::new(
        wording::NEW_LEASE,
        vec![
            wording::TAB_TENANT,
            wording::TAB_PERIODS,
            wording::TAB_ITEMS,
            wording::TAB_PAYMENT,
            wording::TAB_REVISION,
            wording::TAB_NOTICES,
            wording::TAB_SITUATION,
            wording::TAB_NOTES,
        ],
        vec![
            Field::text("reference", wording::F_LEASE_REFERENCE)
                .required()
                .fixed(),
            Field::search("lot", wording::F_UNIT, data.unit_choices()).required(),
            Field::search("locataire", wording::F_TENANT, data.tenant_choices()).required(),
            Field::labels("type_contrat", wording::F_CONTRACT, &contract).required(),
            Field::labels("periodicite", wording::F_FREQUENCY, &frequency).required(),
            Field::labels("terme", wording::F_TERM, &term).required(),
            Field::number("jour_echeance", wording::F_DUE_DAY).required(),
            Field::labels("mode_reglement", wording::F_PAYMENT_MODE, &modes).required(),
            Field::date("debut", wording::F_SIGNATURE).required(),
            Field::read_only("fin_contrat", wording::F_LEASE_END),
            Field::date("sortie", wording::F_MOVE_OUT),
            Field::choice("motif_sortie", wording::F_MOVE_OUT_REASON, reasons, true),
            Field::check("verrouillee", wording::F_LOCKED),
            Field::check("durable", wording::F_DURABLE),
            Field::check("regularisation_auto", wording::F_AUTO_SETTLEMENT),
            Field::search(
                "tiers_payeur",
                wording::F_THIRD_PARTY_PAYER,
                data.non_tenant_choices(),
            ),
            Field::check("prelevement", wording::F_DIRECT_DEBIT).tab(TAB_PAYMENT),
            Field::text("titulaire_compte", wording::F_ACCOUNT_HOLDER).tab(TAB_PAYMENT),
            Field::choice(
                "banque",
                wording::F_BANK,
                data.banks.iter().map(|b| b.reference.clone()),
                true,
            )
            .tab(TAB_PAYMENT),
            Field::read_only("bic", wording::F_BIC).tab(TAB_PAYMENT),
            Field::text("iban", wording::F_IBAN).tab(TAB_PAYMENT),
            Field::text("rum", wording::F_MANDATE_REF).tab(TAB_PAYMENT),
            Field::date("date_mandat", wording::F_MANDATE_DATE).tab(TAB_PAYMENT),
            Field::number("jour_prelevement", wording::F_DEBIT_DAY).tab(TAB_PAYMENT),
            Field::amount("montant_fixe", wording::F_FIXED_AMOUNT).tab(TAB_PAYMENT),
            Field::amount("montant_alternatif", wording::F_ALT_AMOUNT).tab(TAB_PAYMENT),
            Field::multi_line("notes", wording::F_NOTES).tab(TAB_NOTES),
        ],
    )
    .with_detail(periods)
    .with_detail(billing)
    .with_detail(other);
    form.set("type_contrat", ContractType::Temporary.label());
    form.set("periodicite", Frequency::Monthly.label());
    form.set("terme", Term::Advance.label());
    form.set("jour_echeance", "0");
    form.set("mode_reglement", PaymentMode::Transfer.label());
    form.set("debut", format_date(today));
    form
}

/// Formulaire d'une location enregistrée : tout se modifie sauf sa référence ; ses
/// périodes et rubriques se modifient, s'ajoutent ou se suppriment, et « V » écrit le tout.
fn opened(lease: &Lease, data: &Data, today: NaiveDate) -> Form {
    let mut form = blank(data, today).existing(lease.reference.clone());
    form.set_editable(true);
    form.set_details_editable(true);
    form.set_can_delete(true);
    form.title = wording::lease_title(&lease.reference, &data.party_name(&lease.tenant));
    let opt = |d: Option<NaiveDate>| d.map(format_date).unwrap_or_default();
    form.set("reference", lease.reference.clone());
    form.set("lot", lease.unit.clone());
    form.set("locataire", lease.tenant.clone());
    form.set("type_contrat", lease.contract_type.label());
    form.set("periodicite", lease.frequency.label());
    form.set("terme", lease.term.label());
    form.set("jour_echeance", lease.due_day_offset.to_string());
    form.set("mode_reglement", lease.payment_mode.label());
    form.set("debut", format_date(lease.start_date));
    form.set("sortie", opt(lease.move_out_date));
    form.set(
        "motif_sortie",
        lease.move_out_reason.map_or(NONE, |r| r.label()),
    );
    form.set_flag("verrouillee", lease.locked);
    form.set_flag("durable", lease.durable);
    form.set_flag("regularisation_auto", lease.auto_settlement);
    form.set(
        "tiers_payeur",
        lease
            .third_party_payer
            .clone()
            .unwrap_or_else(|| NONE.to_string()),
    );
    let p = &lease.payment;
    form.set_flag("prelevement", p.direct_debit);
    form.set("titulaire_compte", p.account_holder.clone());
    form.set("banque", p.bank.clone().unwrap_or_else(|| NONE.to_string()));
    form.set(
        "bic",
        p.bank
            .as_ref()
            .and_then(|b| data.banks.iter().find(|x| &x.reference == b))
            .map(|b| b.bic.clone())
            .unwrap_or_default(),
    );
    form.set("iban", p.iban.clone());
    form.set("rum", p.mandate_ref.clone());
    form.set("date_mandat", opt(p.mandate_date));
    form.set(
        "jour_prelevement",
        p.debit_day.map(|d| d.to_string()).unwrap_or_default(),
    );
    form.set("montant_fixe", format_money(p.fixed_amount));
    form.set("montant_alternatif", format_money(p.alt_amount));
    form.set("notes", lease.notes.clone());
    let periods: Vec<&LeasePeriod> = data
        .periods
        .iter()
        .filter(|p| p.lease == lease.reference)
        .collect();
    form.set(
        "fin_contrat",
        periods
            .iter()
            .map(|p| p.end_date)
            .max()
            .map(format_date)
            .unwrap_or_default(),
    );
    let t = |s: String| Value::Text(s);
    if let Some(d) = form.details.get_mut(PERIODS) {
        for p in &periods {
            d.push_stored(vec![
                ("debut", t(format_date(p.start_date))),
                ("duree_mois", t(p.months.to_string())),
                ("fin", t(format_date(p.end_date))),
                ("preavis", t(format_date(p.notice_date))),
            ]);
        }
    }
    for item in data
        .lease_items
        .iter()
        .filter(|i| i.lease == lease.reference)
    {
        let detail = if item.purpose == ItemPurpose::Billing {
            BILLING
        } else {
            OTHER
        };
        if let Some(d) = form.details.get_mut(detail) {
            d.push_stored(vec![
                ("rubrique", t(item.item.clone())),
                ("objet", t(item.purpose.code().to_string())),
                ("gestion", t(item.gestion.code().to_string())),
                ("type", t(item.item_type.clone())),
                ("active", Value::Flag(item.active)),
                ("debut", t(format_date(item.start_date))),
                (
                    "duree_mois",
                    t(item.months.map(|m| m.to_string()).unwrap_or_default()),
                ),
                ("fin", t(opt(item.end_date))),
                ("reference", t(item.free_reference.clone())),
                ("montant_initial", t(format_money(item.initial_amount))),
                ("montant_revise", t(format_money(item.revised_amount))),
                ("prorata", Value::Flag(item.prorata)),
                ("plafond", t(format_money(item.ceiling))),
                ("a_augmenter", Value::Flag(item.to_increase)),
                ("date_revision", t(opt(item.revision_date))),
            ]);
        }
    }
    form
}

/// Ce qu'une ligne de détail demande : l'ajout d'une nouvelle ligne, la modification
/// d'une ligne enregistrée (avec ce qui l'identifie en base : rubrique du catalogue et
/// début), ou sa suppression.
#[derive(Debug, Clone, PartialEq)]
pub enum Change<T> {
    Add(T),
    Edit {
        item: String,
        start: NaiveDate,
        record: T,
    },
    Remove {
        item: String,
        start: NaiveDate,
    },
}

/// Ce que le formulaire contient une fois lu : la location, et ce qui change dans ses
/// périodes et ses rubriques (avec leur tableau et leur ligne).
pub struct Draft {
    pub lease: Lease,
    pub periods: Vec<(usize, Change<LeasePeriod>)>,
    pub items: Vec<(usize, usize, Change<LeaseItem>)>,
}

/// Lit une période (nouvelle ou modifiée).
fn read_period(d: &Detail, row: usize, reference: &str) -> Result<LeasePeriod, Vec<Invalid>> {
    let mut pr = d.reader(row);
    let start = pr.date("debut");
    let months = pr.number::<u32>("duree_mois");
    let end = pr.opt_date("fin");
    let notice = pr.opt_date("preavis");
    let period = match (start, months) {
        (Some(start), Some(months)) => {
            match LeasePeriod::new(reference, start, months, end, notice) {
                Ok(p) => Some(p),
                Err(e) => {
                    pr.fail(e.field, e.message);
                    None
                }
            }
        }
        _ => None,
    };
    let validation = period.as_ref().map_or(Ok(()), LeasePeriod::validate);
    match (pr.finish(validation), period) {
        (Ok(()), Some(p)) => Ok(p),
        (Err(errors), _) => Err(errors),
        (Ok(()), None) => Err(vec![Invalid::new("debut", wording::REQUIRED)]),
    }
}

/// Lit une rubrique (nouvelle ou modifiée).
fn read_item(
    d: &Detail,
    detail: usize,
    row: usize,
    lease: &Lease,
    today: NaiveDate,
) -> Result<LeaseItem, Vec<Invalid>> {
    let mut ir = d.reader(row);
    let gestion = ir.code("gestion", Gestion::parse);
    let purpose = if detail == BILLING {
        Some(ItemPurpose::Billing)
    } else {
        ir.code("objet", ItemPurpose::parse)
    };
    let start = if ir.text("debut").is_empty() {
        Some(lease.start_date)
    } else {
        ir.date("debut")
    };
    let months = ir.opt_number::<u32>("duree_mois");
    let end = ir.opt_date("fin");
    let initial = ir.money("montant_initial");
    let revised = ir.opt_money("montant_revise");
    let ceiling = ir.money_or_zero("plafond");
    let revision = ir.opt_date("date_revision");
    let item = LeaseItem {
        lease: lease.reference.clone(),
        item: ir.text("rubrique"),
        gestion: gestion.unwrap_or(Gestion::Rent),
        item_type: ir.text("type").to_uppercase(),
        purpose: purpose.unwrap_or(ItemPurpose::Billing),
        active: ir.flag("active"),
        start_date: start.unwrap_or(today),
        months,
        end_date: end,
        free_reference: ir.text("reference"),
        initial_amount: initial.unwrap_or_default(),
        revised_amount: revised.or(initial).unwrap_or_default(),
        prorata: ir.flag("prorata"),
        ceiling,
        to_increase: ir.flag("a_augmenter"),
        revision_date: revision,
    }
    .with_defaults();
    ir.finish(item.validate()).map(|()| item)
}

/// Ce qui identifie une ligne enregistrée : sa rubrique du catalogue (vide pour une
/// période) et son début, tels qu'en base.
fn original_key(d: &Detail, row: usize) -> Result<(String, NaiveDate), Vec<Invalid>> {
    let mut r = d.original_reader(row);
    let item = r.text("rubrique");
    let start = r.date("debut");
    match start {
        Some(start) => Ok((item, start)),
        None => Err(r.errors().to_vec()),
    }
}

/// Lit la fiche et ce qui change dans ses lignes de détail, et les valide (règles du
/// modèle).
pub fn build(form: &Form, today: NaiveDate) -> Result<Draft, Rejected> {
    let mut rejected = Rejected::default();
    let mut r = form.reader();
    let contract = r.code("type_contrat", ContractType::parse);
    let frequency = r.code("periodicite", Frequency::parse);
    let term = r.code("terme", Term::parse);
    let due_day = r.number::<u8>("jour_echeance");
    let mode = r.code("mode_reglement", PaymentMode::parse);
    let start = r.date("debut");
    let move_out = r.opt_date("sortie");
    let reason = r.opt_code("motif_sortie", crate::model::MoveOutReason::parse);
    let mandate_date = r.opt_date("date_mandat");
    let debit_day = r.opt_number::<u8>("jour_prelevement");
    let fixed = r.money_or_zero("montant_fixe");
    let alt = r.money_or_zero("montant_alternatif");
    let lease = Lease {
        reference: r.text("reference"),
        unit: r.text("lot"),
        tenant: r.text("locataire"),
        contract_type: contract.unwrap_or(ContractType::Temporary),
        frequency: frequency.unwrap_or(Frequency::Monthly),
        term: term.unwrap_or(Term::Advance),
        due_day_offset: due_day.unwrap_or(0),
        payment_mode: mode.unwrap_or(PaymentMode::Transfer),
        start_date: start.unwrap_or(today),
        move_out_date: move_out,
        move_out_reason: reason,
        locked: r.flag("verrouillee"),
        durable: r.flag("durable"),
        auto_settlement: r.flag("regularisation_auto"),
        third_party_payer: r.opt_text("tiers_payeur"),
        payment: PaymentInfo {
            direct_debit: r.flag("prelevement"),
            account_holder: r.text("titulaire_compte"),
            bank: r.opt_text("banque"),
            iban: r.text("iban"),
            mandate_ref: r.text("rum"),
            mandate_date,
            fixed_amount: fixed,
            alt_amount: alt,
            debit_day,
        },
        notes: r.text("notes"),
    };
    if let Err(errors) = r.finish(lease.validate()) {
        rejected.fields = errors;
    }
    let mut draft = Draft {
        lease,
        periods: Vec::new(),
        items: Vec::new(),
    };
    let reference = draft.lease.reference.clone();
    if let Some(d) = form.details.get(PERIODS) {
        for row in d.removed_rows() {
            match original_key(d, row) {
                Ok((item, start)) => draft.periods.push((row, Change::Remove { item, start })),
                Err(errors) => rejected.rows.push((PERIODS, row, errors)),
            }
        }
        for row in d.changed_rows() {
            match (original_key(d, row), read_period(d, row, &reference)) {
                (Ok((item, start)), Ok(record)) => draft.periods.push((
                    row,
                    Change::Edit {
                        item,
                        start,
                        record,
                    },
                )),
                (Err(errors), _) | (_, Err(errors)) => rejected.rows.push((PERIODS, row, errors)),
            }
        }
        for row in d.new_rows() {
            match read_period(d, row, &reference) {
                Ok(p) => draft.periods.push((row, Change::Add(p))),
                Err(errors) => rejected.rows.push((PERIODS, row, errors)),
            }
        }
    }
    for detail in [BILLING, OTHER] {
        let Some(d) = form.details.get(detail) else {
            continue;
        };
        for row in d.removed_rows() {
            match original_key(d, row) {
                Ok((item, start)) => {
                    draft
                        .items
                        .push((detail, row, Change::Remove { item, start }))
                }
                Err(errors) => rejected.rows.push((detail, row, errors)),
            }
        }
        for row in d.changed_rows() {
            match (
                original_key(d, row),
                read_item(d, detail, row, &draft.lease, today),
            ) {
                (Ok((item, start)), Ok(record)) => draft.items.push((
                    detail,
                    row,
                    Change::Edit {
                        item,
                        start,
                        record,
                    },
                )),
                (Err(errors), _) | (_, Err(errors)) => rejected.rows.push((detail, row, errors)),
            }
        }
        for row in d.new_rows() {
            match read_item(d, detail, row, &draft.lease, today) {
                Ok(item) => draft.items.push((detail, row, Change::Add(item))),
                Err(errors) => rejected.rows.push((detail, row, errors)),
            }
        }
    }
    if rejected.is_empty() {
        Ok(draft)
    } else {
        Err(rejected)
    }
}

/// Échec d'un enregistrement : sur la fiche, ou sur une ligne de détail.
enum SaveError {
    Store(StoreError),
    Row(usize, usize, StoreError),
}

impl From<StoreError> for SaveError {
    fn from(e: StoreError) -> Self {
        SaveError::Store(e)
    }
}

/// Ce que l'utilisateur fait dans la fenêtre.
#[derive(Debug, Clone)]
pub enum Message {
    List(table::Message<Column>),
    Form(form::Message),
    New,
    /// Onglet Situation : date de la situation.
    SituationDate(String),
    /// Onglet Situation : « comptes de dépôts ».
    SituationDeposits(bool),
    /// Onglet Situation : ouvrir la situation détaillée.
    OpenSituation,
    /// « Générer les avis d'échéance… » : ouvre la boîte du traitement.
    Generate,
    GenPeriod(String),
    GenValueDate(String),
    GenScope(&'static str),
    GenMessage(String),
    Treatment(treatment::Message),
    /// « Appeler le dépôt de garantie… », « Facture hors loyer… », « Avoir hors loyer… » :
    /// ouvre la boîte du document.
    OneOff(DocumentKind),
    OneOffDialog(one_off::Message),
}

/// Étendue de la génération des avis.
pub const SCOPE_ALL: &str = wording::SCOPE_ALL;
pub const SCOPE_SELECTION: &str = wording::SCOPE_SELECTION;
pub const SCOPE_CURRENT: &str = wording::SCOPE_CURRENT;

/// Options de la génération des avis (manuel : « Génération des avis d'échéance »).
#[derive(Debug, Clone)]
pub struct Generation {
    pub period: String,
    pub value_date: String,
    pub scope: &'static str,
    pub scopes: Vec<&'static str>,
    pub message: String,
    pub selection: Vec<String>,
    pub current: Option<String>,
}

impl Generation {
    /// Les options lues, ou l'erreur de saisie.
    fn options(&self) -> Result<NoticeOptions, String> {
        let period = inputs::date(&self.period)
            .map_err(|e| wording::field_error(wording::GEN_PERIOD, &e))?;
        let value_date = inputs::date(&self.value_date)
            .map_err(|e| wording::field_error(wording::GEN_VALUE_DATE, &e))?;
        let leases = match self.scope {
            s if s == SCOPE_SELECTION => Some(self.selection.clone()),
            s if s == SCOPE_CURRENT => Some(self.current.iter().cloned().collect()),
            _ => None,
        };
        Ok(NoticeOptions {
            period,
            value_date,
            leases,
            run_message: self.message.trim().to_string(),
        })
    }
}

/// Compte rendu de la génération : une ligne par location, les rubriques écartées.
pub fn notice_report(plan: &NoticePlan, planned: bool) -> Report {
    let mut report = Report::default();
    let mut generated = 0;
    for line in &plan.report {
        match &line.outcome {
            Outcome::Generated { amount, total_due } => {
                generated += 1;
                report.line(
                    true,
                    wording::notice_generated(
                        &line.lease,
                        &line.tenant,
                        &format_money(*amount),
                        &format_money(*total_due),
                    ),
                );
            }
            Outcome::Skipped(reason) => report.line(
                false,
                wording::notice_skipped(&line.lease, &line.tenant, reason),
            ),
        }
        for item in &line.items {
            report.line(false, format!("      {item}"));
        }
    }
    report.summary = if planned {
        wording::notices_planned(generated, plan.report.len())
    } else {
        wording::notices_created(generated, plan.report.len())
    };
    report.can_apply = planned && generated > 0;
    report
}

/// La fenêtre.
pub struct Leases {
    table: Table<Lease, Column>,
    form: Option<Form>,
    situation_date: String,
    deposits: bool,
    situation: Option<Result<Situation, String>>,
    generation: Option<(Treatment, Generation)>,
    /// Boîte d'appel de dépôt, de facture ou d'avoir ouverte.
    one_off: Option<(Treatment, OneOff)>,
    /// Message au-dessus de la liste (location supprimée).
    info: Option<String>,
    /// Documents de la location ouverte (onglet Avis), lus à son ouverture.
    documents: Result<Vec<crate::model::TenantDocument>, String>,
}

impl Leases {
    pub fn new(data: &Data, today: NaiveDate) -> Self {
        let mut table = Table::new(
            columns(),
            data.leases.clone(),
            Some((Column::Reference, Order::Ascending)),
            FILTER_ID,
            wording::LEASES_NOUN,
        );
        for pane in panes() {
            table = table.with_pane(pane);
        }
        Leases {
            table,
            form: None,
            situation_date: format_date(today),
            deposits: false,
            situation: None,
            generation: None,
            one_off: None,
            info: None,
            documents: Ok(Vec::new()),
        }
    }

    /// Boîte de génération des avis ouverte.
    pub fn generation(&self) -> Option<&(Treatment, Generation)> {
        self.generation.as_ref()
    }

    /// Boîte d'appel de dépôt, de facture ou d'avoir ouverte.
    pub fn one_off(&self) -> Option<&(Treatment, OneOff)> {
        self.one_off.as_ref()
    }

    pub fn is_busy(&self) -> bool {
        self.generation
            .as_ref()
            .is_some_and(|(t, _)| t.is_running())
            || self.one_off.as_ref().is_some_and(|(t, _)| t.is_running())
    }

    /// Nouvelles données : la liste est relue ; la location ouverte, si elle n'a pas de
    /// modification en cours, est relue telle qu'enregistrée (sur le même onglet).
    pub fn reload(&mut self, ctx: &Ctx) {
        self.table.set_rows(ctx.data.leases.clone());
        if let Some(form) = self.form.as_mut() {
            form.renew_choices(&blank(ctx.data, ctx.db.today));
            let unchanged =
                !form.is_dirty() && form.pending().is_none() && form.general_errors().is_empty();
            let stored = form
                .reference()
                .and_then(|r| ctx.data.leases.iter().find(|l| l.reference == r));
            if let (true, Some(lease)) = (unchanged, stored) {
                let (tab, info) = (form.tab(), form.info().map(str::to_string));
                let mut fresh = opened(lease, ctx.data, ctx.db.today);
                let _ = fresh.update(form::Message::Tab(tab));
                if let Some(info) = info {
                    fresh.set_info(info);
                }
                self.form = Some(fresh);
            }
        }
        self.refresh_situation(ctx);
        self.refresh_documents(ctx);
    }

    /// Relit les documents de la location ouverte (seulement les siens : une requête sur
    /// l'index des documents par location).
    fn refresh_documents(&mut self, ctx: &Ctx) {
        let Some(lease) = self.current().map(str::to_string) else {
            self.documents = Ok(Vec::new());
            return;
        };
        let filter = crate::store::DocumentFilter {
            lease: Some(lease),
            ..Default::default()
        };
        self.documents = ctx
            .db
            .read(|repo| repo.document_headers(&filter))
            .map_err(|e| e.to_string());
    }

    /// Message au-dessus de la liste (location supprimée).
    pub fn info(&self) -> Option<&str> {
        self.info.as_deref()
    }

    pub fn table(&self) -> &Table<Lease, Column> {
        &self.table
    }

    pub fn form(&self) -> Option<&Form> {
        self.form.as_ref()
    }

    pub fn total(&self) -> usize {
        self.table.rows().len()
    }

    pub fn situation(&self) -> Option<&Result<Situation, String>> {
        self.situation.as_ref()
    }

    pub fn has_unsaved(&self) -> bool {
        self.form.as_ref().is_some_and(Form::is_dirty)
    }

    /// Locations choisies dans la liste (génération des avis sur une sélection).
    pub fn selection(&self) -> Vec<&Lease> {
        self.table.selection()
    }

    /// Défilement de la liste demandé par un déplacement au clavier.
    pub fn follow<M: Send + 'static>(&mut self) -> Task<M> {
        self.table.take_scroll()
    }

    /// Location ouverte dans le formulaire (enregistrée).
    pub fn current(&self) -> Option<&str> {
        self.form.as_ref().and_then(Form::reference)
    }

    pub fn shortcut(&self, shortcut: Shortcut) -> Option<Message> {
        // Une boîte de traitement ouverte garde les flèches (la liste est derrière).
        let dialog = self.generation.is_some() || self.one_off.is_some();
        if dialog && matches!(shortcut, Shortcut::Move(..)) {
            return None;
        }
        match (&self.form, shortcut) {
            (Some(f), Shortcut::Escape) if f.pending().is_some() => {
                Some(Message::Form(form::Message::Cancel))
            }
            (Some(f), Shortcut::Enter) if f.pending().is_some() => {
                Some(Message::Form(form::Message::Confirm))
            }
            (Some(_), Shortcut::New) => Some(Message::Form(form::Message::New)),
            (Some(_), Shortcut::Save) => Some(Message::Form(form::Message::Save)),
            (Some(_), Shortcut::Delete) => Some(Message::Form(form::Message::Delete)),
            (Some(_), Shortcut::Escape) => Some(Message::Form(form::Message::Close)),
            (Some(_), Shortcut::Enter | Shortcut::Move(..)) => None,
            (None, Shortcut::New) => Some(Message::New),
            (None, Shortcut::Enter) => Some(Message::List(table::Message::OpenCurrent)),
            (None, Shortcut::Move(step, extend)) => {
                Some(Message::List(table::Message::Move(step, extend)))
            }
            (None, _) => None,
        }
    }

    pub fn update(&mut self, message: Message, ctx: &Ctx) -> (Task<Message>, Option<Event>) {
        match message {
            Message::Generate => {
                self.open_generation(ctx);
                (Task::none(), None)
            }
            Message::GenPeriod(v) => {
                if let Some((_, g)) = self.generation.as_mut() {
                    g.period = v;
                }
                (Task::none(), None)
            }
            Message::GenValueDate(v) => {
                if let Some((_, g)) = self.generation.as_mut() {
                    g.value_date = v;
                }
                (Task::none(), None)
            }
            Message::GenScope(v) => {
                if let Some((_, g)) = self.generation.as_mut() {
                    g.scope = v;
                }
                (Task::none(), None)
            }
            Message::GenMessage(v) => {
                if let Some((_, g)) = self.generation.as_mut() {
                    g.message = v;
                }
                (Task::none(), None)
            }
            Message::Treatment(m) => self.generation_message(m, ctx),
            Message::OneOff(kind) => {
                self.open_one_off(kind, ctx);
                (Task::none(), None)
            }
            Message::OneOffDialog(m) => self.one_off_message(m, ctx),
            other => (Task::none(), self.update_inner(other, ctx)),
        }
    }

    /// Ouvre la boîte « Génération des avis d'échéance » : mois suivant, date du jour,
    /// sur la location ouverte, la sélection, ou toutes.
    fn open_generation(&mut self, ctx: &Ctx) {
        // Les avis se génèrent en fin de mois pour le mois suivant (manuel).
        let today = ctx.db.today;
        let month = NaiveDate::from_ymd_opt(today.year(), today.month(), 1)
            .and_then(|first| crate::model::dates::add_months(first, 1))
            .unwrap_or(today);
        let selection: Vec<String> = self
            .table
            .selection()
            .iter()
            .map(|l| l.reference.clone())
            .collect();
        let current = self.current().map(str::to_string);
        let mut scopes = vec![SCOPE_ALL];
        if !selection.is_empty() {
            scopes.push(SCOPE_SELECTION);
        }
        if current.is_some() {
            scopes.push(SCOPE_CURRENT);
        }
        let scope = if current.is_some() {
            SCOPE_CURRENT
        } else if selection.len() > 1 {
            SCOPE_SELECTION
        } else {
            SCOPE_ALL
        };
        self.generation = Some((
            Treatment::new(wording::GEN_TITLE, wording::GEN_STEM),
            Generation {
                period: format_date(month),
                value_date: format_date(today),
                scope,
                scopes,
                message: String::new(),
                selection,
                current,
            },
        ));
    }

    /// Ouvre la boîte d'un appel de dépôt, d'une facture ou d'un avoir, sur la location
    /// ouverte, sinon la ligne courante ou la première sélectionnée de la liste.
    fn open_one_off(&mut self, kind: DocumentKind, ctx: &Ctx) {
        if self.is_busy() {
            return;
        }
        let lease = self
            .current()
            .map(str::to_string)
            .or_else(|| self.table.selected().map(|l| l.reference.clone()))
            .or_else(|| self.table.selection().first().map(|l| l.reference.clone()))
            .or_else(|| ctx.data.leases.first().map(|l| l.reference.clone()))
            .unwrap_or_default();
        self.generation = None;
        self.one_off = Some((
            Treatment::new(one_off::title(kind), one_off::stem(kind))
                .with_run_label(wording::SIMULATION),
            OneOff::new(kind, &lease, ctx),
        ));
    }

    /// Les messages de la boîte : saisies, « Simulation » (calculée aussitôt, sans rien
    /// écrire, pour placer un refus sous son champ), « Appliquer » (tâche de fond).
    fn one_off_message(
        &mut self,
        message: one_off::Message,
        ctx: &Ctx,
    ) -> (Task<Message>, Option<Event>) {
        let Some((t, dialog)) = self.one_off.as_mut() else {
            return (Task::none(), None);
        };
        let message = match message {
            one_off::Message::Treatment(m) => m,
            other => {
                if matches!(t.phase(), treatment::Phase::Options) {
                    dialog.update(other, ctx);
                }
                return (Task::none(), None);
            }
        };
        if matches!(message, treatment::Message::Run) {
            if t.is_running() {
                return (Task::none(), None);
            }
            if let Some(report) = dialog.simulate(ctx) {
                t.update(treatment::Message::Run);
                t.update(treatment::Message::Progress(treatment::Progress::Done(Ok(
                    report,
                ))));
            }
            return (Task::none(), None);
        }
        let back = matches!(message, treatment::Message::Back);
        let was_applying = t.is_applying();
        let request = t.update(message);
        if back {
            dialog.reset();
        }
        match request {
            Some(treatment::Request::Apply) => {
                let Some(planned) = dialog.planned().cloned() else {
                    t.update(treatment::Message::Progress(treatment::Progress::Done(
                        Err(wording::NOTHING_PLANNED.to_string()),
                    )));
                    return (Task::none(), None);
                };
                let accounts = one_off::account_labels(ctx.data);
                let task = ctx.db.spawn(move |store, session, progress| {
                    progress(0, 1, wording::ONE_OFF_RUNNING);
                    let (plan, number) =
                        crate::treatments::deposit::run(store, session, &planned, false)
                            .map_err(|e| e.to_string())?;
                    progress(1, 1, wording::ONE_OFF_RUNNING);
                    Ok(one_off::report(&plan, number.as_deref(), &accounts))
                });
                (
                    task.map(|p| {
                        Message::OneOffDialog(one_off::Message::Treatment(
                            treatment::Message::Progress(p),
                        ))
                    }),
                    None,
                )
            }
            Some(treatment::Request::Close) => {
                self.one_off = None;
                (Task::none(), None)
            }
            Some(treatment::Request::Plan) | None => {
                let done = was_applying && t.is_finished();
                (Task::none(), done.then_some(Event::Changed))
            }
        }
    }

    fn generation_message(
        &mut self,
        message: treatment::Message,
        ctx: &Ctx,
    ) -> (Task<Message>, Option<Event>) {
        let Some((t, g)) = self.generation.as_mut() else {
            return (Task::none(), None);
        };
        let was_applying = t.is_applying();
        let request = t.update(message);
        let check_only = match request {
            Some(treatment::Request::Plan) => true,
            Some(treatment::Request::Apply) => false,
            Some(treatment::Request::Close) => {
                self.generation = None;
                return (Task::none(), None);
            }
            None => {
                let done = was_applying && t.is_finished();
                return (Task::none(), done.then_some(Event::Changed));
            }
        };
        let options = match g.options() {
            Ok(o) => o,
            Err(e) => {
                t.update(treatment::Message::Progress(treatment::Progress::Done(
                    Err(e),
                )));
                return (Task::none(), None);
            }
        };
        let task = ctx.db.spawn(move |store, session, progress| {
            progress(0, 1, wording::GEN_RUNNING);
            let run =
                notices::run(store, session, &options, check_only).map_err(|e| e.to_string())?;
            progress(1, 1, wording::GEN_RUNNING);
            Ok(notice_report(&run.plan, check_only))
        });
        (
            task.map(|p| Message::Treatment(treatment::Message::Progress(p))),
            None,
        )
    }

    fn update_inner(&mut self, message: Message, ctx: &Ctx) -> Option<Event> {
        match message {
            Message::Generate
            | Message::GenPeriod(_)
            | Message::GenValueDate(_)
            | Message::GenScope(_)
            | Message::GenMessage(_)
            | Message::Treatment(_)
            | Message::OneOff(_)
            | Message::OneOffDialog(_) => None,
            Message::List(m) => match self.table.update(m)? {
                table::Event::Selected(i) => self
                    .table
                    .row(i)
                    .map(|l| Event::Selected(l.reference.clone())),
                table::Event::Open(i) => {
                    let lease = self.table.row(i)?;
                    let reference = lease.reference.clone();
                    self.form = Some(opened(lease, ctx.data, ctx.db.today));
                    self.situation = None;
                    self.refresh_documents(ctx);
                    Some(Event::Selected(reference))
                }
                table::Event::Query => None,
            },
            Message::New => {
                self.form = Some(blank(ctx.data, ctx.db.today));
                self.situation = None;
                None
            }
            Message::SituationDate(date) => {
                self.situation_date = date;
                if !inputs::date_is_invalid(&self.situation_date) {
                    self.refresh_situation(ctx);
                }
                None
            }
            Message::SituationDeposits(deposits) => {
                self.deposits = deposits;
                self.refresh_situation(ctx);
                None
            }
            Message::OpenSituation => {
                let tenant = self.form.as_ref()?.text("locataire").trim().to_string();
                (!tenant.is_empty() && tenant != NONE).then_some(Event::OpenSituation(tenant))
            }
            Message::Form(m) => self.form_message(m, ctx),
        }
    }

    fn form_message(&mut self, message: form::Message, ctx: &Ctx) -> Option<Event> {
        let form = self.form.as_mut()?;
        // Valeurs proposées des nouvelles lignes : début de la location, ou lendemain de
        // la dernière période.
        if let form::Message::Detail(d, form::DetailMessage::Add) = &message {
            let start = form.text("debut").to_string();
            if *d == PERIODS {
                let next = form
                    .details
                    .get(PERIODS)
                    .and_then(|p| {
                        (0..p.rows.len())
                            .filter_map(|r| inputs::opt_date(p.text(r, "fin")).ok().flatten())
                            .max()
                    })
                    .and_then(|end| end.succ_opt())
                    .map(format_date)
                    .unwrap_or(start.clone());
                if let Some(p) = form.details.get_mut(PERIODS) {
                    p.set_default("debut", next);
                }
            } else if let Some(items) = form.details.get_mut(*d) {
                items.set_default("debut", start);
            }
        }
        // Le choix d'une rubrique du catalogue remplit sa gestion, son type et son prorata.
        let chosen = match &message {
            form::Message::Detail(d, form::DetailMessage::Input(row, "rubrique", value)) => {
                Some((*d, *row, value.clone()))
            }
            _ => None,
        };
        let tab_before = form.tab();
        let request = form.update(message);
        if let Some((d, row, value)) = chosen {
            if let (Some(item), Some(detail)) = (
                ctx.data.charge_items.iter().find(|c| c.reference == value),
                form.details.get_mut(d),
            ) {
                detail.set(row, "gestion", item.gestion.code());
                detail.set(row, "type", item.item_type.clone());
                detail.set_flag(row, "prorata", item.prorata);
                if d == OTHER && item.purpose != ItemPurpose::Billing {
                    detail.set(row, "objet", item.purpose.code());
                }
            }
        }
        if form.tab() == TAB_SITUATION && tab_before != TAB_SITUATION {
            self.refresh_situation(ctx);
        }
        match request? {
            form::Request::New => {
                self.form = Some(blank(ctx.data, ctx.db.today));
                self.situation = None;
                None
            }
            form::Request::Close => {
                self.form = None;
                None
            }
            form::Request::Delete => self.delete(ctx),
            form::Request::Save => self.save(ctx),
        }
    }

    /// « V » : la location (ajoutée, ou modifiée si elle a changé), puis ce qui change
    /// dans ses périodes et ses rubriques — suppressions, modifications, ajouts — dans une
    /// seule transaction : tout ou rien, et un refus s'affiche sur sa ligne.
    fn save(&mut self, ctx: &Ctx) -> Option<Event> {
        let form = self.form.as_mut()?;
        form.clear_errors();
        if !form.is_new() && !form.is_dirty() {
            form.set_info(wording::NOTHING_CHANGED);
            return None;
        }
        let draft = match build(form, ctx.db.today) {
            Ok(draft) => draft,
            Err(rejected) => {
                rejected.show(form);
                return None;
            }
        };
        let original = form.reference().map(str::to_string);
        // La fiche n'est réécrite que si elle a changé (le journal d'audit le dit).
        let lease_changed = match &original {
            None => true,
            Some(reference) => ctx
                .data
                .leases
                .iter()
                .find(|l| &l.reference == reference)
                .is_none_or(|stored| *stored != draft.lease),
        };
        let lease_ref = draft.lease.reference.clone();
        let result = ctx.db.write(wording::AUDIT_FORM, |repo| {
            match &original {
                None => repo.insert_lease(&draft.lease)?,
                Some(reference) if lease_changed => repo.update_lease(reference, &draft.lease)?,
                Some(_) => {}
            }
            // Suppressions d'abord (un début libéré peut être repris), puis modifications,
            // puis ajouts.
            for pass in 0..3 {
                for (row, change) in &draft.periods {
                    let wanted = match pass {
                        0 => matches!(change, Change::Remove { .. }),
                        1 => matches!(change, Change::Edit { .. }),
                        _ => matches!(change, Change::Add(_)),
                    };
                    if !wanted {
                        continue;
                    }
                    let written = match change {
                        Change::Add(p) => repo.insert_period(p),
                        Change::Edit { start, record, .. } => repo.update_period(*start, record),
                        Change::Remove { start, .. } => repo.delete_period(&lease_ref, *start),
                    };
                    written.map_err(|e| SaveError::Row(PERIODS, *row, e))?;
                }
                for (detail, row, change) in &draft.items {
                    let wanted = match pass {
                        0 => matches!(change, Change::Remove { .. }),
                        1 => matches!(change, Change::Edit { .. }),
                        _ => matches!(change, Change::Add(_)),
                    };
                    if !wanted {
                        continue;
                    }
                    let written = match change {
                        Change::Add(item) => repo.insert_lease_item(item),
                        Change::Edit {
                            item,
                            start,
                            record,
                        } => repo.update_lease_item(item, *start, record),
                        Change::Remove { item, start } => {
                            repo.delete_lease_item(&lease_ref, item, *start)
                        }
                    };
                    written.map_err(|e| SaveError::Row(*detail, *row, e))?;
                }
            }
            Ok::<(), SaveError>(())
        });
        match result {
            Ok(()) => {
                let message = if original.is_some() {
                    wording::record_updated(&lease_ref)
                } else {
                    wording::record_saved(&lease_ref)
                };
                // Les lignes enregistrées deviennent les lignes de référence ; la fiche est
                // relue de la base au rechargement (fins et préavis calculés…).
                form.saved(lease_ref, message);
                Some(Event::Changed)
            }
            Err(SaveError::Store(e)) => {
                form.set_store_error(&e);
                None
            }
            Err(SaveError::Row(detail, row, e)) => {
                let errors = match e {
                    StoreError::Invalid(errors) => errors,
                    other => vec![Invalid::new("ligne", other.to_string())],
                };
                if let Some(d) = form.details.get_mut(detail) {
                    d.set_row_errors(row, errors);
                }
                form.set_general(wording::ROW_REFUSED);
                None
            }
        }
    }

    /// « – » confirmé : abandonne une location nouvelle, supprime une location qui n'a
    /// encore rien produit ; sinon le refus du store s'affiche en tête de la fiche.
    fn delete(&mut self, ctx: &Ctx) -> Option<Event> {
        let form = self.form.as_mut()?;
        let Some(reference) = form.reference().map(str::to_string) else {
            self.form = None;
            return None;
        };
        form.clear_errors();
        match ctx
            .db
            .write(wording::AUDIT_DELETE, |repo| repo.delete_lease(&reference))
        {
            Ok(()) => {
                self.form = None;
                self.situation = None;
                self.info = Some(wording::record_deleted(&reference));
                Some(Event::Changed)
            }
            Err(error) => {
                form.set_refusal(&error);
                None
            }
        }
    }

    /// Recalcule l'onglet Situation de la location ouverte.
    fn refresh_situation(&mut self, ctx: &Ctx) {
        let Some(form) = &self.form else {
            return;
        };
        if form.is_new() || form.tab() != TAB_SITUATION {
            return;
        }
        let tenant = form.text("locataire").trim().to_string();
        let at = match inputs::date(&self.situation_date) {
            Ok(at) => at,
            Err(e) => {
                self.situation = Some(Err(e));
                return;
            }
        };
        let start = inputs::opt_date(form.text("debut"))
            .ok()
            .flatten()
            .unwrap_or(at);
        let deposits = self.deposits;
        // Situation à la date, toutes locations confondues : tout l'historique compte.
        let from = start.min(at);
        self.situation = Some(
            ctx.db
                .read(|repo| situation::compute(repo, &tenant, from, at, deposits))
                .map_err(|e| e.to_string()),
        );
    }

    pub fn view<'a>(&'a self, data: &'a Data) -> Element<'a, Message> {
        let page = self.page(data);
        if let Some((t, dialog)) = &self.one_off {
            return modal(
                page,
                t.view(dialog.view().map(Message::OneOffDialog), |m| {
                    Message::OneOffDialog(one_off::Message::Treatment(m))
                }),
            );
        }
        match &self.generation {
            None => page,
            Some((t, g)) => modal(page, t.view(generation_view(g), Message::Treatment)),
        }
    }

    fn page<'a>(&'a self, data: &'a Data) -> Element<'a, Message> {
        let Some(form) = &self.form else {
            let mut page = column![list_header(wording::LEASES, Message::New), treatments_bar(),]
                .spacing(theme::SPACE_M);
            if let Some(info) = &self.info {
                page = page.push(form::banner(info.as_str(), theme::info_banner));
            }
            return page
                .push(
                    self.table
                        .view_with(vec![tool_button(
                            wording::SELECT_ALL,
                            Some(table::Message::SelectAll),
                            theme::secondary_button,
                        )])
                        .map(Message::List),
                )
                .into();
        };
        let custom: Option<Element<'a, Message>> = match form.tab() {
            TAB_REVISION => Some(self.revision_view(form, data)),
            TAB_NOTICES => Some(notices_tab(form, &self.documents)),
            TAB_SITUATION => Some(self.situation_view(form)),
            TAB_NOTES => Some(
                text(wording::NOTES_HINT)
                    .size(theme::TEXT_SMALL)
                    .style(theme::muted_text)
                    .into(),
            ),
            _ => None,
        };
        let actions = if form.is_new() {
            Vec::new()
        } else {
            vec![tool_button(
                wording::GENERATE_NOTICES,
                Some(Message::Generate),
                theme::secondary_button,
            )]
        };
        form.view(Message::Form, custom, actions)
    }

    /// Onglet Révision : les rubriques de loyer et leur dernière révision.
    fn revision_view<'a>(&'a self, form: &'a Form, data: &'a Data) -> Element<'a, Message> {
        let Some(reference) = form.reference() else {
            return text(wording::REVISION_AFTER_SAVE)
                .size(theme::TEXT_BODY)
                .style(theme::muted_text)
                .into();
        };
        let cell = |s: String, w: u16| text(s).size(theme::TEXT_BODY).width(Length::FillPortion(w));
        let mut lines = Col::new().spacing(theme::SPACE_XS).push(
            row![
                cell(wording::F_ITEM.to_string(), 4).font(theme::FONT_BOLD),
                cell(wording::F_INITIAL.to_string(), 2).font(theme::FONT_BOLD),
                cell(wording::F_REVISED.to_string(), 2).font(theme::FONT_BOLD),
                cell(wording::F_REVISION_DATE.to_string(), 2).font(theme::FONT_BOLD),
                cell(wording::F_TO_INCREASE.to_string(), 1).font(theme::FONT_BOLD),
            ]
            .spacing(theme::SPACE_S),
        );
        for item in data
            .lease_items
            .iter()
            .filter(|i| i.lease == reference && i.gestion == Gestion::Rent)
        {
            lines = lines.push(
                row![
                    cell(item.item.clone(), 4),
                    cell(format_money(item.initial_amount), 2),
                    cell(format_money(item.revised_amount), 2),
                    cell(item.revision_date.map(format_date).unwrap_or_default(), 2),
                    cell(wording::yes_no(item.to_increase).to_string(), 1),
                ]
                .spacing(theme::SPACE_S),
            );
        }
        column![
            lines,
            text(wording::REVISION_HINT)
                .size(theme::TEXT_SMALL)
                .style(theme::muted_text)
        ]
        .spacing(theme::SPACE_M)
        .into()
    }

    /// Onglet Situation : solde et restant à payer du locataire à la date choisie.
    fn situation_view<'a>(&'a self, form: &'a Form) -> Element<'a, Message> {
        if form.is_new() {
            return text(wording::SITUATION_AFTER_SAVE)
                .size(theme::TEXT_BODY)
                .style(theme::muted_text)
                .into();
        }
        let controls = row![
            text(wording::SITUATION_AT).size(theme::TEXT_BODY),
            inputs::date_input(
                &self.situation_date,
                false,
                Some(Box::new(Message::SituationDate))
            ),
            checkbox(self.deposits)
                .label(wording::DEPOSIT_ACCOUNTS)
                .on_toggle(Message::SituationDeposits)
                .text_size(theme::TEXT_BODY),
            Space::new().width(Length::Fill),
            tool_button(
                wording::OPEN_SITUATION,
                Some(Message::OpenSituation),
                theme::secondary_button
            ),
        ]
        .spacing(theme::SPACE_M)
        .align_y(Alignment::Center);
        let body: Element<'a, Message> = match &self.situation {
            None => text(wording::COMPUTING)
                .size(theme::TEXT_BODY)
                .style(theme::muted_text)
                .into(),
            Some(Err(e)) => form::banner(e.as_str(), theme::error_banner),
            Some(Ok(s)) => situation::summary_view(s),
        };
        column![controls, body].spacing(theme::SPACE_M).into()
    }
}

/// Les traitements de la fenêtre (son menu) : avis, dépôt de garantie, factures, avoirs.
fn treatments_bar<'a>() -> Element<'a, Message> {
    row![
        text(wording::TREATMENTS)
            .size(theme::TEXT_BODY)
            .style(theme::muted_text),
        tool_button(
            wording::GENERATE_NOTICES,
            Some(Message::Generate),
            theme::secondary_button
        ),
        tool_button(
            wording::CALL_DEPOSIT,
            Some(Message::OneOff(DocumentKind::DepositCall)),
            theme::secondary_button
        ),
        tool_button(
            wording::MISC_INVOICE,
            Some(Message::OneOff(DocumentKind::Invoice)),
            theme::secondary_button
        ),
        tool_button(
            wording::MISC_CREDIT_NOTE,
            Some(Message::OneOff(DocumentKind::CreditNote)),
            theme::secondary_button
        ),
    ]
    .spacing(theme::SPACE_S)
    .align_y(Alignment::Center)
    .into()
}

/// Options de la boîte de génération des avis.
fn generation_view(g: &Generation) -> Element<'_, Message> {
    let label = |t: &'static str| text(t).size(theme::TEXT_BODY).width(Length::Fixed(190.0));
    column![
        row![
            label(wording::GEN_PERIOD),
            inputs::date_input(&g.period, false, Some(Box::new(Message::GenPeriod))),
            text(wording::GEN_PERIOD_HINT)
                .size(theme::TEXT_SMALL)
                .style(theme::muted_text),
        ]
        .spacing(theme::SPACE_S)
        .align_y(Alignment::Center),
        row![
            label(wording::GEN_VALUE_DATE),
            inputs::date_input(&g.value_date, false, Some(Box::new(Message::GenValueDate))),
        ]
        .spacing(theme::SPACE_S)
        .align_y(Alignment::Center),
        row![
            label(wording::GEN_SCOPE),
            pick_list(g.scopes.as_slice(), Some(g.scope), Message::GenScope)
                .text_size(theme::TEXT_BODY)
                .padding(theme::SPACE_XS + 2.0),
            text(match g.scope {
                s if s == SCOPE_SELECTION => wording::leases_count(g.selection.len()),
                s if s == SCOPE_CURRENT => g.current.clone().unwrap_or_default(),
                _ => String::new(),
            })
            .size(theme::TEXT_SMALL)
            .style(theme::muted_text),
        ]
        .spacing(theme::SPACE_S)
        .align_y(Alignment::Center),
        row![
            label(wording::GEN_MESSAGE),
            inputs::text_field(
                "",
                &g.message,
                false,
                Length::Fill,
                Some(Box::new(Message::GenMessage)),
            ),
        ]
        .spacing(theme::SPACE_S)
        .align_y(Alignment::Center),
        text(wording::GEN_HINT)
            .size(theme::TEXT_SMALL)
            .style(theme::muted_text),
    ]
    .spacing(theme::SPACE_M)
    .into()
}

/// Onglet Avis : les documents de la location.
fn notices_tab<'a>(
    form: &'a Form,
    documents: &'a Result<Vec<crate::model::TenantDocument>, String>,
) -> Element<'a, Message> {
    let Some(reference) = form.reference() else {
        return text(wording::NOTICES_AFTER_SAVE)
            .size(theme::TEXT_BODY)
            .style(theme::muted_text)
            .into();
    };
    let cell = |s: String, w: u16| text(s).size(theme::TEXT_BODY).width(Length::FillPortion(w));
    let mut lines = Col::new().spacing(theme::SPACE_XS).push(
        row![
            cell(wording::COL_NUMBER.to_string(), 2).font(theme::FONT_BOLD),
            cell(wording::COL_DOCUMENT_KIND.to_string(), 3).font(theme::FONT_BOLD),
            cell(wording::COL_PERIOD.to_string(), 2).font(theme::FONT_BOLD),
            cell(wording::COL_DATE.to_string(), 2).font(theme::FONT_BOLD),
            cell(wording::COL_AMOUNT.to_string(), 2).font(theme::FONT_BOLD),
            cell(wording::COL_DUE.to_string(), 2).font(theme::FONT_BOLD),
            cell(wording::COL_NOTICE_PRINTED.to_string(), 1).font(theme::FONT_BOLD),
        ]
        .spacing(theme::SPACE_S),
    );
    let docs: Vec<&crate::model::TenantDocument> = match documents {
        Ok(docs) => docs.iter().filter(|d| d.lease == reference).collect(),
        Err(e) => {
            return text(e.as_str())
                .size(theme::TEXT_BODY)
                .style(theme::error_text)
                .into()
        }
    };
    if docs.is_empty() {
        lines = lines.push(
            text(wording::NO_NOTICE_YET)
                .size(theme::TEXT_BODY)
                .style(theme::muted_text),
        );
    }
    for d in docs.into_iter().rev() {
        lines = lines.push(
            row![
                cell(d.number.clone(), 2),
                cell(d.kind.label().to_string(), 3),
                cell(
                    match (d.period_start, d.period_end) {
                        (Some(s), Some(e)) => notices::period_label((s, e)),
                        _ => String::new(),
                    },
                    2
                ),
                cell(format_date(d.value_date), 2),
                cell(format_money(d.amount), 2),
                cell(format_money(d.total_due), 2),
                cell(wording::yes_no(d.notice_printed).to_string(), 1),
            ]
            .spacing(theme::SPACE_S),
        );
    }
    // Les documents hors avis de la location se créent d'ici aussi.
    let buttons = row![
        tool_button(
            wording::CALL_DEPOSIT,
            Some(Message::OneOff(DocumentKind::DepositCall)),
            theme::secondary_button
        ),
        tool_button(
            wording::MISC_INVOICE,
            Some(Message::OneOff(DocumentKind::Invoice)),
            theme::secondary_button
        ),
        tool_button(
            wording::MISC_CREDIT_NOTE,
            Some(Message::OneOff(DocumentKind::CreditNote)),
            theme::secondary_button
        ),
    ]
    .spacing(theme::SPACE_S);
    column![buttons, lines].spacing(theme::SPACE_M).into()
}
