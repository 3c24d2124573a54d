//! Boîte « Mutation… » du menu Locations (S14 ; manuel : « Les mutations ») : sur la
//! location courante, le nouveau lot, le début de la nouvelle location, sa référence
//! (vide : la suivante), le dépôt demandé et ce qui est repris (rubriques, règlement) ;
//! « Simulation » rend le compte rendu sans rien écrire, « Appliquer » fait la mutation
//! en tâche de fond. La boîte n'appelle que `treatments::transfer`.

use chrono::NaiveDate;
use iced::widget::{checkbox, column, text};
use iced::{Length, Task};

use super::text_dialog::{line, required, spawn, step, Step};
use super::{Ctx, Event};
use crate::gui::widget::treatment::{self, Treatment};
use crate::gui::widget::{inputs, Element};
use crate::gui::{text as wording, theme};
use crate::model::dates::format_date;
use crate::treatments::transfer::{self, TransferRequest};

/// Les zones de saisie.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    Lease,
    Unit,
    Start,
    Reference,
    Deposit,
}

/// Ce que l'utilisateur fait dans la boîte.
#[derive(Debug, Clone)]
pub enum Message {
    /// Ouvre la boîte (menu) sur la location courante.
    Open,
    Input(Field, String),
    CopyItems(bool),
    CopyPayment(bool),
    Treatment(treatment::Message),
}

/// La boîte ouverte, telle que tapée.
#[derive(Debug, Clone)]
pub struct TransferDialog {
    pub treatment: Treatment,
    pub lease: String,
    pub unit: String,
    pub start: String,
    pub reference: String,
    pub deposit: String,
    pub copy_items: bool,
    pub copy_payment: bool,
}

impl TransferDialog {
    /// Sur la location `lease`, début au jour, tout repris.
    pub fn new(lease: &str, today: NaiveDate) -> Self {
        TransferDialog {
            treatment: Treatment::new(wording::TRANSFER_TITLE, wording::TRANSFER_STEM)
                .with_run_label(wording::SIMULATION),
            lease: lease.to_string(),
            unit: String::new(),
            start: format_date(today),
            reference: String::new(),
            deposit: String::new(),
            copy_items: true,
            copy_payment: true,
        }
    }

    /// La demande lue, ou l'erreur de saisie (nommant le champ).
    fn request(&self) -> Result<TransferRequest, String> {
        let lease = required(wording::TRANSFER_LEASE, &self.lease)?;
        let unit = required(wording::TRANSFER_UNIT, &self.unit)?;
        let start = inputs::date(&self.start)
            .map_err(|e| wording::field_error(wording::TRANSFER_START, &e))?;
        let deposit = if self.deposit.trim().is_empty() {
            None
        } else {
            Some(
                inputs::money(&self.deposit)
                    .map_err(|e| wording::field_error(wording::TRANSFER_DEPOSIT, &e))?,
            )
        };
        Ok(TransferRequest {
            lease,
            unit,
            start,
            new_reference: self.reference.trim().to_string(),
            copy_items: self.copy_items,
            copy_payment: self.copy_payment,
            deposit,
        })
    }

    fn input(&mut self, field: Field, value: String) {
        let slot = match field {
            Field::Lease => &mut self.lease,
            Field::Unit => &mut self.unit,
            Field::Start => &mut self.start,
            Field::Reference => &mut self.reference,
            Field::Deposit => &mut self.deposit,
        };
        *slot = value;
    }

    pub fn view(&self) -> Element<'_, Message> {
        self.treatment.view(self.options(), Message::Treatment)
    }

    fn options(&self) -> Element<'_, Message> {
        column![
            line(wording::TRANSFER_LEASE, typed(Field::Lease, &self.lease)),
            line(wording::TRANSFER_UNIT, typed(Field::Unit, &self.unit)),
            line(
                wording::TRANSFER_START,
                inputs::date_input(
                    &self.start,
                    false,
                    Some(Box::new(|s| Message::Input(Field::Start, s)))
                )
            ),
            line(
                wording::TRANSFER_REFERENCE,
                typed(Field::Reference, &self.reference)
            ),
            line(
                wording::TRANSFER_DEPOSIT,
                inputs::amount_input(
                    &self.deposit,
                    false,
                    Some(Box::new(|s| Message::Input(Field::Deposit, s)))
                )
            ),
            checkbox(self.copy_items)
                .label(wording::TRANSFER_COPY_ITEMS)
                .on_toggle(Message::CopyItems)
                .size(16)
                .text_size(theme::TEXT_BODY),
            checkbox(self.copy_payment)
                .label(wording::TRANSFER_COPY_PAYMENT)
                .on_toggle(Message::CopyPayment)
                .size(16)
                .text_size(theme::TEXT_BODY),
            text(wording::TRANSFER_HINT)
                .size(theme::TEXT_SMALL)
                .style(theme::muted_text),
        ]
        .spacing(theme::SPACE_M)
        .into()
    }
}

/// Zone de texte du champ `field`.
fn typed(field: Field, value: &str) -> Element<'_, Message> {
    inputs::text_field(
        "",
        value,
        false,
        Length::Fill,
        Some(Box::new(move |s| Message::Input(field, s))),
    )
}

/// Les messages de la boîte (`slot` : la boîte ouverte, `None` une fois fermée).
pub fn update(
    slot: &mut Option<TransferDialog>,
    message: Message,
    ctx: &Ctx,
) -> (Task<Message>, Option<Event>) {
    let Some(dialog) = slot.as_mut() else {
        return (Task::none(), None);
    };
    let message = match message {
        Message::Treatment(m) => m,
        Message::Open => return (Task::none(), None),
        input => {
            if matches!(dialog.treatment.phase(), treatment::Phase::Options) {
                match input {
                    Message::Input(field, value) => dialog.input(field, value),
                    Message::CopyItems(v) => dialog.copy_items = v,
                    Message::CopyPayment(v) => dialog.copy_payment = v,
                    _ => {}
                }
            }
            return (Task::none(), None);
        }
    };
    let request = dialog.request();
    match step(&mut dialog.treatment, message, request) {
        Step::Idle(event) => (Task::none(), event),
        Step::Close => {
            *slot = None;
            (Task::none(), None)
        }
        Step::Run(request, simulation) => {
            let task = spawn(
                ctx,
                wording::TRANSFER_RUNNING,
                simulation,
                move |store, session| {
                    let planned = transfer::run(store, session, &request, simulation)
                        .map_err(|e| e.to_string())?;
                    Ok(transfer::report(&planned, simulation))
                },
            );
            (
                task.map(|p| Message::Treatment(treatment::Message::Progress(p))),
                None,
            )
        }
    }
}
