//! Boîte « Solde de tout compte… » de la fenêtre Locations (S14 ; manuel : « Etablir le
//! solde de tout compte »). L'action (établir, terminer par un remboursement, un
//! règlement ou une perte, annuler), la date de valeur, la retenue et son motif ; puis
//! « Simulation » : les pièces prévues et les soldes qui en résultent, sans rien écrire ;
//! « Appliquer » les passe. Les refus s'affichent sous leur champ, en français. La boîte
//! n'appelle que `treatments::settlement`.

use std::collections::BTreeMap;

use iced::widget::{pick_list, text, Column};
use iced::Length;

use super::one_off::{line, LABEL_WIDTH};
use super::Ctx;
use crate::gui::widget::treatment::Report;
use crate::gui::widget::{inputs, Element};
use crate::gui::{text as wording, theme};
use crate::model::dates::format_date;
use crate::model::Money;
use crate::store::{Session, Store};
use crate::treatments::settlement::{
    self, Ending, EndingRequest, SettlementError, SettlementRequest, TenantLedger,
};

/// Les zones de saisie de la boîte (clés des refus de `treatments::settlement`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    ValueDate,
    Withholding,
    Reason,
}

impl Field {
    pub fn key(self) -> &'static str {
        match self {
            Field::ValueDate => "date_valeur",
            Field::Withholding => "retenue",
            Field::Reason => "motif",
        }
    }
}

/// Ce que la boîte fait.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    Establish,
    End(Ending),
    Undo,
}

impl Action {
    pub const ALL: [Action; 5] = [
        Action::Establish,
        Action::End(Ending::Refunded),
        Action::End(Ending::Paid),
        Action::End(Ending::WrittenOff),
        Action::Undo,
    ];
}

impl std::fmt::Display for Action {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Action::Establish => wording::SETTLE_ESTABLISH,
            Action::End(Ending::Refunded) => wording::SETTLE_REFUND,
            Action::End(Ending::Paid) => wording::SETTLE_PAID,
            Action::End(Ending::WrittenOff) => wording::SETTLE_WRITE_OFF,
            Action::Undo => wording::SETTLE_UNDO,
        })
    }
}

/// Ce que l'utilisateur fait dans la boîte.
#[derive(Debug, Clone)]
pub enum Message {
    Input(Field, String),
    Action(Action),
    Treatment(crate::gui::widget::treatment::Message),
}

/// Ce que « Appliquer » fera : exactement ce qui a été simulé.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Planned {
    Establish(SettlementRequest),
    End(EndingRequest),
    Undo(String),
}

/// La boîte, telle que tapée.
#[derive(Debug, Clone)]
pub struct SettlementDialog {
    pub lease: String,
    pub action: Action,
    pub value_date: String,
    pub withholding: String,
    pub reason: String,
    errors: BTreeMap<&'static str, String>,
    general: Option<String>,
    planned: Option<Planned>,
}

impl SettlementDialog {
    /// Boîte ouverte sur la location `lease`, datée du jour.
    pub fn new(lease: &str, ctx: &Ctx) -> Self {
        SettlementDialog {
            lease: lease.to_string(),
            action: Action::Establish,
            value_date: format_date(ctx.db.today),
            withholding: String::new(),
            reason: String::new(),
            errors: BTreeMap::new(),
            general: None,
            planned: None,
        }
    }

    pub fn error(&self, field: Field) -> Option<&str> {
        self.errors.get(field.key()).map(String::as_str)
    }

    pub fn general_error(&self) -> Option<&str> {
        self.general.as_deref()
    }

    pub fn planned(&self) -> Option<&Planned> {
        self.planned.as_ref()
    }

    pub fn reset(&mut self) {
        self.planned = None;
    }

    pub fn update(&mut self, message: Message) {
        match message {
            Message::Input(field, value) => {
                let slot = match field {
                    Field::ValueDate => &mut self.value_date,
                    Field::Withholding => &mut self.withholding,
                    Field::Reason => &mut self.reason,
                };
                *slot = value;
                self.errors.remove(field.key());
            }
            Message::Action(action) => {
                self.action = action;
                self.errors.clear();
                self.general = None;
            }
            Message::Treatment(_) => {}
        }
    }

    /// La demande lue, ou les erreurs de saisie champ par champ.
    fn request(&self) -> Result<Planned, BTreeMap<&'static str, String>> {
        let mut errors = BTreeMap::new();
        let lease = self.lease.trim().to_string();
        if self.action == Action::Undo {
            return Ok(Planned::Undo(lease));
        }
        let value_date = inputs::date(&self.value_date)
            .map_err(|e| errors.insert(Field::ValueDate.key(), e))
            .ok();
        let withholding = if self.withholding.trim().is_empty() {
            Some(Money::ZERO)
        } else {
            inputs::money(&self.withholding)
                .map_err(|e| errors.insert(Field::Withholding.key(), e))
                .ok()
        };
        match (value_date, withholding, self.action) {
            (Some(value_date), Some(withholding), Action::Establish) => {
                Ok(Planned::Establish(SettlementRequest {
                    lease,
                    value_date,
                    withholding,
                    reason: self.reason.trim().to_string(),
                }))
            }
            (Some(value_date), Some(_), Action::End(ending)) => Ok(Planned::End(EndingRequest {
                lease,
                value_date,
                ending,
                payment_mode: None,
            })),
            _ => Err(errors),
        }
    }

    /// « Simulation » : prépare sans rien écrire et rend le compte rendu ; un refus va
    /// sous son champ et la boîte reste sur ses options.
    pub fn simulate(&mut self, ctx: &Ctx) -> Option<Report> {
        self.errors.clear();
        self.general = None;
        self.planned = None;
        let planned = match self.request() {
            Ok(planned) => planned,
            Err(errors) => {
                self.errors = errors;
                return None;
            }
        };
        let outcome = match &planned {
            Planned::Undo(lease) => undo_preview(ctx, lease),
            other => ctx
                .db
                .with_store(|store| Ok(run(store, &ctx.db.session, other, true))),
        };
        match outcome {
            Ok(Ok(mut report)) => {
                report.can_apply = true;
                self.planned = Some(planned);
                Some(report)
            }
            Ok(Err(SettlementError::Invalid { field, message }))
                if [Field::ValueDate, Field::Withholding, Field::Reason]
                    .iter()
                    .any(|f| f.key() == field) =>
            {
                self.errors.insert(field, message);
                None
            }
            Ok(Err(other)) => {
                self.general = Some(other.to_string());
                None
            }
            Err(error) => {
                self.general = Some(error.to_string());
                None
            }
        }
    }

    /// Les options de la boîte.
    pub fn view(&self) -> Element<'_, Message> {
        let label = |t: &'static str| {
            text(t)
                .size(theme::TEXT_BODY)
                .width(Length::Fixed(LABEL_WIDTH))
        };
        let invalid = |field: Field| self.errors.contains_key(field.key());
        let input = |field: Field| -> Option<Box<dyn Fn(String) -> Message + '_>> {
            Some(Box::new(move |s| Message::Input(field, s)))
        };
        let mut page = Column::new().spacing(theme::SPACE_M);
        page = page.push(text(wording::settlement_lease(&self.lease)).size(theme::TEXT_BODY));
        page = page.push(line(
            label(wording::SETTLE_ACTION).into(),
            pick_list(Action::ALL, Some(self.action), Message::Action)
                .text_size(theme::TEXT_BODY)
                .into(),
            None,
            None,
        ));
        if self.action != Action::Undo {
            page = page.push(line(
                label(wording::GEN_VALUE_DATE).into(),
                inputs::date_input(
                    &self.value_date,
                    invalid(Field::ValueDate),
                    input(Field::ValueDate),
                ),
                Some(wording::SETTLE_VALUE_DATE_HINT.to_string()),
                self.error(Field::ValueDate),
            ));
        }
        if self.action == Action::Establish {
            page = page
                .push(line(
                    label(wording::SETTLE_WITHHOLDING).into(),
                    inputs::amount_input(
                        &self.withholding,
                        invalid(Field::Withholding),
                        input(Field::Withholding),
                    ),
                    None,
                    self.error(Field::Withholding),
                ))
                .push(line(
                    label(wording::SETTLE_REASON).into(),
                    inputs::text_field(
                        "",
                        &self.reason,
                        invalid(Field::Reason),
                        Length::Fill,
                        input(Field::Reason),
                    ),
                    None,
                    self.error(Field::Reason),
                ));
        }
        if let Some(general) = &self.general {
            page = page.push(
                text(general.as_str())
                    .size(theme::TEXT_BODY)
                    .style(theme::error_text),
            );
        }
        page.into()
    }
}

/// Le compte rendu d'un texte de traitement : une ligne par ligne, la première en
/// synthèse.
fn report_of(text: &str) -> Report {
    let mut report = Report::default();
    let mut lines = text.lines();
    report.summary = lines.next().unwrap_or_default().to_string();
    for l in lines {
        report.line(true, l.trim());
    }
    report
}

/// Ce que l'annulation supprimerait.
fn undo_preview(
    ctx: &Ctx,
    lease: &str,
) -> Result<Result<Report, SettlementError>, crate::store::StoreError> {
    let Some(found) = ctx.data.leases.iter().find(|l| l.reference == lease) else {
        return Ok(Err(SettlementError::Invalid {
            field: "location",
            message: wording::CHOOSE_LEASE.to_string(),
        }));
    };
    let ledger = ctx.db.read(|repo| TenantLedger::load(repo, found))?;
    let numbers: Vec<String> = ledger.settlement.iter().map(|v| v.number.clone()).collect();
    Ok(Ok(report_of(&wording::settlement_undo_preview(
        lease,
        &numbers.join(", "),
    ))))
}

/// Passe (ou simule) ce qui est prévu ; rend le compte rendu.
pub fn run(
    store: &mut Store,
    session: &Session,
    planned: &Planned,
    simulation: bool,
) -> Result<Report, SettlementError> {
    let text = match planned {
        Planned::Establish(request) => {
            let (plan, numbers) = settlement::run(store, session, request, simulation)?;
            settlement::report(&plan, &numbers)
        }
        Planned::End(request) => {
            let (plan, number) = settlement::run_ending(store, session, request, simulation)?;
            settlement::ending_report(&plan, number.as_deref())
        }
        Planned::Undo(lease) => {
            let removed = settlement::run_undo(store, session, lease)?;
            wording::settlement_undone(lease, &removed.join(", "))
        }
    };
    Ok(report_of(&text))
}
