//! La fiche d'une location : ses champs et ses tableaux de détail (périodes, rubriques),
//! remplis pour une nouvelle location ou depuis la base, les valeurs proposées en cours
//! de saisie, et la page de la fiche avec ses onglets calculés.

use chrono::NaiveDate;
use iced::widget::text;

use super::{
    Leases, Message, BILLING, OTHER, PERIODS, TAB_ITEMS, TAB_NOTES, TAB_NOTICES, TAB_PAYMENT,
    TAB_PERIODS, TAB_REVISION, TAB_SITUATION,
};
use crate::gui::screen::{Ctx, Data, Event};
use crate::gui::widget::form::{self, Detail, Field, Form, Value, NONE};
use crate::gui::widget::{inputs, tool_button, Element};
use crate::gui::{text as wording, theme};
use crate::model::dates::format_date;
use crate::model::money::format_money;
use crate::model::reference::{next_free, LEASE_PATTERN};
use crate::model::{
    ContractType, Frequency, Gestion, ItemPurpose, Lease, LeasePeriod, PaymentMode, Term,
};

fn labels<T: Copy>(all: &[T], label: fn(T) -> &'static str) -> Vec<&'static str> {
    all.iter().map(|v| label(*v)).collect()
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
pub(super) fn blank(data: &Data, today: NaiveDate) -> Form {
    let contract = labels(ContractType::ALL, ContractType::label);
    let frequency = labels(Frequency::ALL, Frequency::label);
    let term = labels(Term::ALL, Term::label);
    let modes = labels(PaymentMode::ALL, PaymentMode::label);
    let reasons: Vec<String> = crate::model::MoveOutReason::ALL
        .iter()
        .map(|r| r.label().to_string())
        .collect();
    let inventories: Vec<String> = crate::model::ExitInventory::ALL
        .iter()
        .map(|i| i.label().to_string())
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
    )
    .measured();
    billing.set_default_flag("active", true);
    billing.set_default("gestion", Gestion::Rent.code());
    billing.set_default("plafond", "0,00");
    let mut other = Detail::new(
        wording::OTHER_TABLE,
        TAB_ITEMS,
        item_columns(data, true, false),
    )
    .measured();
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
            Field::date("remise_cles", wording::F_KEYS_RETURNED),
            Field::choice(
                "etat_des_lieux",
                wording::F_EXIT_INVENTORY,
                inventories,
                true,
            ),
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
    let taken = data.leases.iter().map(|l| l.reference.as_str());
    form.set("reference", next_free(LEASE_PATTERN, taken));
    form.set("debut", format_date(today));
    form
}

/// Formulaire d'une location enregistrée : tout se modifie sauf sa référence ; ses
/// périodes et rubriques se modifient, s'ajoutent ou se suppriment, et « V » écrit le tout.
pub(super) fn opened(lease: &Lease, data: &Data, today: NaiveDate) -> Form {
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
    let exit = data.lease_exits.iter().find(|x| x.lease == lease.reference);
    form.set("remise_cles", opt(exit.and_then(|x| x.keys_returned)));
    form.set(
        "etat_des_lieux",
        exit.and_then(|x| x.inventory).map_or(NONE, |i| i.label()),
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

impl Leases {
    pub(super) fn form_message(&mut self, message: form::Message, ctx: &Ctx) -> Option<Event> {
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

    /// La page de la fiche : les onglets Révision, Avis, Situation et Notes montrent leur
    /// propre contenu ; la génération des avis se lance d'une fiche enregistrée.
    pub(super) fn form_view<'a>(&'a self, form: &'a Form, data: &'a Data) -> Element<'a, Message> {
        let custom: Option<Element<'a, Message>> = match form.tab() {
            TAB_REVISION => Some(self.revision_view(form, data)),
            TAB_NOTICES => Some(super::documents::notices_tab(
                form,
                &self.documents,
                self.chosen_document.as_deref(),
                &self.document_print,
                self.document_info.as_ref(),
            )),
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
}
