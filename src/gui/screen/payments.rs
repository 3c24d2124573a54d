//! Fenêtre « Règlements » (manuel : « Les règlements », « Saisie d'un règlement ») : la
//! liste des règlements enregistrés (`list`), d'où « Saisir des règlements » ouvre la
//! saisie rapide des règlements en tableau (remise, date de valeur, lot, locataire,
//! montant, mode, date du règlement, référence, banque, modèle, organisme payeur),
//! « Ventiler » montre la ventilation automatique de chaque règlement sur les comptes du
//! locataire (`treatments::payments`), « V » l'enregistre après confirmation, dans une
//! tâche de fond. Le bordereau de remise en banque s'imprime en PDF.

pub mod list;
pub mod returns;

use iced::widget::{column, container, row, text, Column as Col, Space};
use iced::{Alignment, Length, Task};

use super::{Ctx, Data, Event, Shortcut};
use crate::documents::{self, Document};
use crate::gui::widget::form::{self, banner, Detail, Field, Form};
use crate::gui::widget::save::{self, SaveBox};
use crate::gui::widget::treatment::{self, Report, Treatment};
use crate::gui::widget::{inputs, modal, tool_button, Element};
use crate::gui::{text as wording, theme};
use crate::model::dates::format_date;
use crate::model::money::format_money;
use crate::model::{Invalid, PaymentMode, ThirdPartyKind};
use crate::treatments::payments::{
    apply_payments, deposit_slip, plan_payments, PaymentInput, PaymentOptions, PaymentPlan,
    PaymentSnapshot, DEFAULT_TEMPLATE,
};

/// Le tableau de saisie.
pub const ENTRIES: usize = 0;

#[derive(Debug, Clone)]
pub enum Message {
    Form(form::Message),
    /// « Ventiler » : montre la ventilation sans rien écrire.
    Preview,
    Treatment(treatment::Message),
    /// Bordereau de remise : numéro de remise.
    Batch(String),
    Slip(save::Message),
    /// La liste des règlements enregistrés.
    List(list::Message),
    /// « Saisir des règlements » : la saisie rapide.
    Enter,
    /// Retour de la saisie à la liste (les lignes saisies restent).
    ToList,
    /// « Importer fichier prélèvements » : sa boîte.
    Returns(returns::Message),
}

pub struct Payments {
    form: Form,
    preview: Option<Result<PaymentPlan, String>>,
    job: Option<(Treatment, PaymentPlan)>,
    batch: String,
    slip: SaveBox,
    booked: list::Booked,
    /// La saisie rapide est affichée (sinon la liste).
    entering: bool,
    /// La boîte « Importer fichier prélèvements ».
    returns: Option<returns::ReturnImport>,
}

fn blank(data: &Data, today: chrono::NaiveDate) -> Form {
    let mut entries = Detail::new(
        wording::PAYMENTS_TABLE,
        0,
        vec![
            Field::text("remise", wording::F_BATCH_SHORT).width(3),
            Field::date("date", wording::F_VALUE_DATE_SHORT)
                .required()
                .width(3),
            Field::search("lot", wording::F_UNIT, data.unit_choices()).width(3),
            Field::search("locataire", wording::F_TENANT, data.tenant_choices())
                .required()
                .width(3),
            Field::amount("montant", wording::COL_AMOUNT)
                .required()
                .width(3),
            Field::choice(
                "mode",
                wording::F_MODE_SHORT,
                PaymentMode::ALL.iter().map(|m| m.label().to_string()),
                true,
            )
            .width(3),
            Field::date("date_reglement", wording::F_PAYMENT_DATE_SHORT).width(3),
            Field::text("reference", wording::F_FREE_REFERENCE).width(3),
            Field::text("banque", wording::F_DRAWN_BANK).width(2),
            Field::choice(
                "modele",
                wording::F_TEMPLATE,
                data.templates
                    .iter()
                    .filter(|t| t.is_payment)
                    .map(|t| t.reference.clone()),
                false,
            )
            .required()
            .width(3),
            Field::search(
                "organisme",
                wording::F_PAYER_SHORT,
                data.party_choices_of(ThirdPartyKind::PayerBody),
            )
            .width(3),
        ],
    );
    entries.set_default("date", format_date(today));
    entries.set_default("modele", DEFAULT_TEMPLATE);
    // La saisie rapide s'ouvre sur une ligne vide, prête à taper.
    entries.add();
    let mut form = Form::new(
        wording::PAYMENTS,
        vec![wording::PAYMENTS],
        vec![
            Field::check("auto_batch", wording::F_AUTO_BATCH),
            Field::check("update_mode", wording::F_UPDATE_LEASE_MODE),
        ],
    )
    .with_detail(entries);
    form.set_flag("auto_batch", true);
    form.set_flag("update_mode", true);
    form.set_can_close(false);
    form
}

impl Payments {
    pub fn new(data: &Data, today: chrono::NaiveDate) -> Self {
        Payments {
            form: blank(data, today),
            preview: None,
            job: None,
            batch: String::new(),
            slip: SaveBox::new(),
            booked: list::Booked::unloaded(data, today),
            entering: false,
            returns: None,
        }
    }

    /// La liste des règlements enregistrés.
    pub fn booked(&self) -> &list::Booked {
        &self.booked
    }

    /// La saisie rapide est affichée (sinon la liste).
    pub fn is_entering(&self) -> bool {
        self.entering
    }

    /// Relit les règlements enregistrés de la sélection (fenêtre du grand livre : à son
    /// ouverture, et après un enregistrement).
    pub fn reload_list(&mut self, ctx: &Ctx) {
        self.booked.reload(ctx);
    }

    /// Défilement de la liste demandé par un déplacement au clavier.
    pub fn follow<M: Send + 'static>(&mut self) -> Task<M> {
        if self.entering {
            Task::none()
        } else {
            self.booked.follow()
        }
    }

    pub fn form(&self) -> &Form {
        &self.form
    }

    /// Nouvelles données : les lots, locataires et organismes proposés sont relus ; les
    /// lignes saisies restent.
    pub fn reload(&mut self, ctx: &Ctx) {
        self.form.renew_choices(&blank(ctx.data, ctx.db.today));
    }

    pub fn preview(&self) -> Option<&Result<PaymentPlan, String>> {
        self.preview.as_ref()
    }

    pub fn treatment(&self) -> Option<&Treatment> {
        self.job.as_ref().map(|(t, _)| t)
    }

    /// La boîte « Importer fichier prélèvements », si elle est ouverte.
    pub fn returns(&self) -> Option<&returns::ReturnImport> {
        self.returns.as_ref()
    }

    pub fn is_busy(&self) -> bool {
        self.job.as_ref().is_some_and(|(t, _)| t.is_running())
            || self.returns.as_ref().is_some_and(|r| r.is_running())
    }

    pub fn has_unsaved(&self) -> bool {
        self.form.is_dirty()
    }

    pub fn shortcut(&self, shortcut: Shortcut) -> Option<Message> {
        use crate::gui::widget::table::Message as T;
        if self.returns.is_some() {
            return None;
        }
        if !self.entering && self.job.is_none() {
            return match shortcut {
                Shortcut::New => Some(Message::Enter),
                Shortcut::Enter => Some(Message::List(list::Message::List(T::OpenCurrent))),
                Shortcut::Move(step, extend) => {
                    Some(Message::List(list::Message::List(T::Move(step, extend))))
                }
                _ => None,
            };
        }
        match shortcut {
            Shortcut::Escape if self.form.pending().is_some() => {
                Some(Message::Form(form::Message::Cancel))
            }
            Shortcut::Enter if self.form.pending().is_some() => {
                Some(Message::Form(form::Message::Confirm))
            }
            Shortcut::New => Some(Message::Form(form::Message::New)),
            Shortcut::Save => Some(Message::Form(form::Message::Save)),
            Shortcut::Delete => Some(Message::Form(form::Message::Delete)),
            _ => None,
        }
    }

    /// Les lignes saisies, lues pour le traitement ; les valeurs illisibles sont
    /// signalées sur leur ligne.
    fn inputs(&mut self) -> Option<Vec<PaymentInput>> {
        self.form.clear_errors();
        let d = self.form.details.get(ENTRIES)?;
        let mut out = Vec::new();
        let mut refused = Vec::new();
        for row in 0..d.rows.len() {
            let mut r = d.reader(row);
            let value_date = r.date("date");
            let amount = r.money("montant");
            let mode = r.opt_code("mode", PaymentMode::parse);
            let payment_date = r.opt_date("date_reglement");
            let input = PaymentInput {
                line: row + 1,
                batch_no: r.text("remise"),
                value_date,
                unit: r.opt_text("lot"),
                tenant: r.opt_text("locataire"),
                amount: amount.unwrap_or_default(),
                mode,
                payment_date,
                reference: r.text("reference"),
                bank: r.text("banque"),
                template: r.text("modele"),
                payer: r.opt_text("organisme"),
                journal: String::new(),
            };
            match r.finish(Ok(())) {
                Ok(()) => out.push(input),
                Err(errors) => refused.push((row, errors)),
            }
        }
        if out.is_empty() && refused.is_empty() {
            self.form.set_general(wording::NO_PAYMENT);
            return None;
        }
        if !refused.is_empty() {
            for (row, errors) in refused {
                if let Some(d) = self.form.details.get_mut(ENTRIES) {
                    d.set_row_errors(row, errors);
                }
            }
            return None;
        }
        Some(out)
    }

    /// Le plan des règlements saisis (rien n'est écrit).
    fn plan(&mut self, ctx: &Ctx) -> Option<PaymentPlan> {
        let inputs = self.inputs()?;
        let options = PaymentOptions {
            auto_batch: self.form.flag("auto_batch"),
            update_lease_mode: self.form.flag("update_mode"),
        };
        let result = ctx.db.read(|repo| PaymentSnapshot::load(repo, &inputs));
        let snapshot = match result {
            Ok(s) => s,
            Err(e) => {
                self.form.set_store_error(&e);
                return None;
            }
        };
        match plan_payments(&snapshot, &inputs, options) {
            Ok(plan) => {
                self.preview = Some(Ok(plan.clone()));
                Some(plan)
            }
            Err(errors) => {
                for (line, message) in errors {
                    match line.checked_sub(1) {
                        Some(row) => {
                            if let Some(d) = self.form.details.get_mut(ENTRIES) {
                                d.set_row_errors(row, vec![Invalid::new("ligne", message)]);
                            }
                        }
                        None => self.form.set_general(message),
                    }
                }
                self.preview = None;
                None
            }
        }
    }

    /// Écrit le bordereau de remise du numéro saisi au chemin confirmé.
    fn write_slip(&mut self, path: std::path::PathBuf, ctx: &Ctx) {
        let batch = self.batch.trim().to_string();
        let result = ctx
            .db
            .with_store(|store| {
                Ok(deposit_slip(store, &ctx.db.session, &batch).map(|slip| {
                    (
                        slip,
                        store
                            .landlord(&ctx.db.session)
                            .map(|l| l.name)
                            .unwrap_or_default(),
                    )
                }))
            })
            .map_err(|e| e.to_string())
            .and_then(|r| r.map_err(|e| e.to_string()))
            .and_then(|(slip, name)| {
                let letterhead = documents::load_letterhead(&name, None);
                documents::pdf::render(&[Document::DepositSlip(slip)], &letterhead)
                    .map_err(|e| e.to_string())
            });
        match result {
            Ok(bytes) => self.slip.write(path, &bytes),
            Err(e) => self.slip.done(Err(e)),
        }
    }

    pub fn update(&mut self, message: Message, ctx: &Ctx) -> (Task<Message>, Option<Event>) {
        let none = (Task::none(), None);
        match message {
            Message::Form(m) => match self.form.update(m) {
                Some(form::Request::Save) => {
                    if let Some(plan) = self.plan(ctx) {
                        let report = report_of(&plan);
                        self.job = Some((
                            Treatment::with_plan(
                                wording::PAYMENTS_TITLE,
                                wording::PAYMENTS_STEM,
                                report,
                            ),
                            plan,
                        ));
                    }
                    none
                }
                Some(form::Request::New) | Some(form::Request::Delete) => {
                    self.form = blank(ctx.data, ctx.db.today);
                    self.preview = None;
                    none
                }
                Some(form::Request::Close) | None => none,
            },
            Message::Preview => {
                self.plan(ctx);
                none
            }
            Message::Batch(b) => {
                self.batch = b;
                none
            }
            Message::List(m) => {
                let event = self.booked.update(m, ctx);
                // La remise de la ligne choisie est proposée pour le bordereau.
                if let Some(Event::Selected(number)) = &event {
                    let batch = self
                        .booked
                        .table()
                        .rows()
                        .iter()
                        .find(|p| &p.number == number);
                    if let Some(p) = batch.filter(|p| !p.batch_no.is_empty()) {
                        self.batch = p.batch_no.clone();
                    }
                }
                (Task::none(), event)
            }
            Message::Enter => {
                self.entering = true;
                none
            }
            Message::ToList => {
                self.entering = false;
                none
            }
            Message::Slip(m) => {
                if let Some(path) = self.slip.update(m) {
                    self.write_slip(path, ctx);
                }
                none
            }
            Message::Returns(m) => {
                let opens = matches!(m, returns::Message::Open | returns::Message::Simulate(_));
                if opens && self.returns.is_none() {
                    self.returns = Some(returns::ReturnImport::new());
                }
                let Some(dialog) = self.returns.as_mut() else {
                    return none;
                };
                match dialog.update(m, ctx) {
                    Some((task, event)) => (task.map(Message::Returns), event),
                    None => {
                        self.returns = None;
                        none
                    }
                }
            }
            Message::Treatment(m) => {
                let Some((t, plan)) = self.job.as_mut() else {
                    return none;
                };
                let was_applying = t.is_applying();
                match t.update(m) {
                    Some(treatment::Request::Apply) => {
                        let plan = plan.clone();
                        let task = ctx.db.spawn(move |store, session, progress| {
                            let total = plan.payments.len();
                            progress(0, total, wording::PAYMENTS_SAVING);
                            let numbers =
                                apply_payments(store, session, &plan).map_err(|e| e.to_string())?;
                            progress(total, total, wording::PAYMENTS_SAVING);
                            let mut report = Report {
                                summary: wording::payments_saved(numbers.len()),
                                ..Report::default()
                            };
                            for (n, p) in numbers.iter().zip(&plan.payments) {
                                report.line(
                                    true,
                                    wording::payment_line(
                                        n,
                                        &p.tenant,
                                        &p.tenant_name,
                                        &format_money(p.amount()),
                                    ),
                                );
                            }
                            Ok(report)
                        });
                        (
                            task.map(|p| Message::Treatment(treatment::Message::Progress(p))),
                            None,
                        )
                    }
                    Some(treatment::Request::Close) => {
                        let finished = t.is_finished();
                        self.job = None;
                        if finished {
                            // Enregistrés : la saisie repart d'un tableau vide, et la liste
                            // (relue) les montre.
                            self.form = blank(ctx.data, ctx.db.today);
                            self.preview = None;
                            self.entering = false;
                        }
                        none
                    }
                    _ => {
                        if was_applying && t.is_finished() {
                            return (Task::none(), Some(Event::Changed));
                        }
                        none
                    }
                }
            }
        }
    }

    pub fn view(&self) -> Element<'_, Message> {
        let page = if self.entering {
            self.entry_view()
        } else {
            self.list_view()
        };
        if let Some(dialog) = &self.returns {
            return modal(page, dialog.view().map(Message::Returns));
        }
        match &self.job {
            None => page,
            Some((t, _)) => modal(page, t.view(text("").into(), Message::Treatment)),
        }
    }

    /// La liste des règlements enregistrés, « Saisir des règlements » et le bordereau.
    fn list_view(&self) -> Element<'_, Message> {
        column![
            row![
                text(wording::PAYMENTS)
                    .font(theme::FONT_BOLD)
                    .size(theme::TEXT_TITLE),
                Space::new().width(Length::Fill),
                tool_button(
                    wording::ENTER_PAYMENTS,
                    Some(Message::Enter),
                    theme::primary_button
                ),
            ]
            .align_y(Alignment::Center),
            self.booked.view().map(Message::List),
            self.slip_view(),
        ]
        .spacing(theme::SPACE_M)
        .into()
    }

    /// Le bordereau de remise en banque d'un numéro de remise.
    fn slip_view(&self) -> Element<'_, Message> {
        container(
            row![
                text(wording::SLIP).size(theme::TEXT_BODY),
                inputs::text_field(
                    wording::F_BATCH_SHORT,
                    &self.batch,
                    false,
                    Length::Fixed(200.0),
                    Some(Box::new(Message::Batch)),
                ),
                self.slip.view(
                    wording::SLIP_BUTTON,
                    save::default_path(
                        &format!("bordereau-{}", self.batch.trim()),
                        chrono::Local::now().date_naive(),
                        "pdf"
                    ),
                    Message::Slip,
                ),
            ]
            .spacing(theme::SPACE_S)
            .align_y(Alignment::Center),
        )
        .padding([theme::SPACE_S, theme::SPACE_M])
        .width(Length::Fill)
        .style(theme::card)
        .into()
    }

    /// La saisie rapide : le tableau, la ventilation et le bordereau.
    fn entry_view(&self) -> Element<'_, Message> {
        let preview: Element<'_, Message> = match &self.preview {
            None => text(wording::PREVIEW_HINT)
                .size(theme::TEXT_SMALL)
                .style(theme::muted_text)
                .into(),
            Some(Err(e)) => banner(e.as_str(), theme::error_banner),
            Some(Ok(plan)) => plan_view(plan),
        };
        let custom = column![preview, self.slip_view()]
            .spacing(theme::SPACE_M)
            .into();
        self.form.view(
            Message::Form,
            Some(custom),
            vec![
                tool_button(
                    wording::BACK_BUTTON,
                    Some(Message::ToList),
                    theme::secondary_button,
                ),
                tool_button(
                    wording::PREVIEW,
                    Some(Message::Preview),
                    theme::secondary_button,
                ),
            ],
        )
    }
}

/// Compte rendu du plan : chaque règlement, sa ventilation et les automatismes.
fn report_of(plan: &PaymentPlan) -> Report {
    let mut report = Report {
        can_apply: !plan.payments.is_empty(),
        ..Report::default()
    };
    for line in plan.report().lines() {
        report.line(true, line.to_string());
    }
    let total = plan
        .payments
        .iter()
        .map(|p| p.amount())
        .sum::<crate::model::Money>();
    report.summary = wording::payments_planned(plan.payments.len(), &format_money(total));
    report
}

/// Ventilation affichée sous le tableau.
fn plan_view(plan: &PaymentPlan) -> Element<'_, Message> {
    let mut lines = Col::new().spacing(2.0).push(
        text(wording::ALLOCATION)
            .font(theme::FONT_BOLD)
            .size(theme::TEXT_BODY),
    );
    for p in &plan.payments {
        lines = lines.push(
            text(wording::planned_payment(
                p.line,
                &p.tenant,
                &p.tenant_name,
                &format_money(p.amount()),
                p.mode.label(),
                &p.batch_no,
            ))
            .size(theme::TEXT_BODY),
        );
        for e in &p.draft.entries {
            let side = if e.debit.is_zero() {
                wording::credit_of(&format_money(e.credit))
            } else {
                wording::debit_of(&format_money(e.debit))
            };
            lines = lines.push(
                text(format!(
                    "      {} {} {side}",
                    e.account,
                    e.tiers.as_deref().unwrap_or("")
                ))
                .size(theme::TEXT_SMALL),
            );
        }
        for note in &p.notes {
            lines = lines.push(
                text(format!("      · {note}"))
                    .size(theme::TEXT_SMALL)
                    .style(theme::muted_text),
            );
        }
    }
    container(lines.padding(theme::SPACE_S))
        .width(Length::Fill)
        .style(theme::table_frame)
        .into()
}
