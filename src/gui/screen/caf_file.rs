//! « Traiter un fichier CAF… » (manuel : « Exécution du traitement Fichier CAF ») : le
//! choix du fichier, la simulation en tâche de fond et son compte rendu, la confirmation,
//! puis l'enregistrement et le compte rendu final, qui peut être enregistré. La boîte ne
//! fait qu'appeler `treatments::caf::run_payments`.

use std::path::PathBuf;

use iced::widget::{column, row, text, text_input};
use iced::{Alignment, Length, Task};

use crate::gui::screen::Ctx;
use crate::gui::widget::browse::{self, Kind, Request};
use crate::gui::widget::treatment::{self, Report};
use crate::gui::widget::{tool_button, Element};
use crate::gui::{text as wording, theme};
use crate::model::dates::format_date;
use crate::model::money::format_money;
use crate::treatments::caf::{
    format_stamp, run_payments, PaymentOutcome, PaymentPlan, CAF_TEMPLATE,
};

/// Titre de la boîte et nom proposé pour son compte rendu.
pub const TITLE: &str = "Traitement d'un fichier CAF";
pub const STEM: &str = "traitement-fichier-caf";
const FILE_LABEL: &str = "Fichier CAF";
const FILE_HINT: &str = "Un fichier à la fois (paiements mensuels ou régularisations, APL ou AL). « Simulation » lit le fichier et montre la pièce sans rien enregistrer ; un fichier déjà traité remplace sa pièce précédente.";
const PICK_TITLE: &str = "Choisir le fichier CAF à traiter";
const NO_FILE: &str = "Choisissez le fichier CAF à traiter.";
const RUNNING: &str = "Traitement du fichier CAF…";

/// Ce que l'utilisateur fait dans les options de la boîte.
#[derive(Debug, Clone)]
pub enum Message {
    Path(String),
    Browse,
    Browsed(Option<PathBuf>),
    Treatment(treatment::Message),
}

/// Les options : le chemin du fichier.
#[derive(Debug, Clone, Default)]
pub struct CafFile {
    pub path: String,
    /// Sélecteur de fichiers indisponible, etc.
    pub notice: Option<String>,
}

impl CafFile {
    /// Saisie du chemin ou boîte « Parcourir… ».
    pub fn update(&mut self, message: Message) -> Task<Message> {
        match message {
            Message::Path(path) => self.path = path,
            Message::Browse => {
                if let Err(notice) = browse::availability() {
                    self.notice = Some(notice);
                    return Task::none();
                }
                self.notice = None;
                let request = Request {
                    kind: Kind::Open,
                    title: PICK_TITLE,
                    proposed: PathBuf::from(self.path.trim()),
                    filter: None,
                };
                return browse::task(request, Message::Browsed);
            }
            Message::Browsed(Some(path)) => self.path = path.display().to_string(),
            Message::Browsed(None) | Message::Treatment(_) => {}
        }
        Task::none()
    }

    /// La tâche de fond : le fichier lu puis traité, en simulation ou pour de bon.
    pub fn run(&self, ctx: &Ctx, simulation: bool) -> Task<treatment::Progress> {
        let path = PathBuf::from(self.path.trim());
        ctx.db.spawn(move |store, session, progress| {
            if path.as_os_str().is_empty() {
                return Err(NO_FILE.to_string());
            }
            progress(0, 1, RUNNING);
            let bytes = std::fs::read(&path).map_err(|e| {
                format!(
                    "Le fichier « {} » ne peut pas être lu : {e}",
                    path.display()
                )
            })?;
            let name = path
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            let (plan, outcome) = run_payments(store, session, &bytes, &name, simulation)
                .map_err(|e| e.to_string())?;
            progress(1, 1, RUNNING);
            Ok(caf_report(&plan, outcome.as_ref()))
        })
    }

    pub fn view(&self) -> Element<'_, Message> {
        let mut content = column![
            row![
                text(FILE_LABEL)
                    .size(theme::TEXT_BODY)
                    .width(Length::Fixed(120.0)),
                text_input(wording::PATH_PLACEHOLDER, &self.path)
                    .on_input(Message::Path)
                    .padding(theme::SPACE_XS + 2.0)
                    .size(theme::TEXT_BODY)
                    .width(Length::Fill)
                    .style(theme::field_input(false)),
                tool_button(
                    wording::BROWSE,
                    Some(Message::Browse),
                    theme::secondary_button
                ),
            ]
            .spacing(theme::SPACE_S)
            .align_y(Alignment::Center),
            text(FILE_HINT)
                .size(theme::TEXT_SMALL)
                .style(theme::muted_text),
        ]
        .spacing(theme::SPACE_M);
        if let Some(notice) = &self.notice {
            content = content.push(text(notice.as_str()).size(theme::TEXT_SMALL));
        }
        content.into()
    }
}

/// Compte rendu : une ligne par allocataire (écartée si un cas la signale), les cas,
/// la pièce ; applicable après la simulation.
pub fn caf_report(plan: &PaymentPlan, outcome: Option<&PaymentOutcome>) -> Report {
    let mut report = Report::default();
    if let Some(previous) = &plan.previous {
        report.line(
            false,
            format!(
                "Fichier déjà traité le {}, remplacé : sa pièce {} sera supprimée",
                format_stamp(&previous.processed_at),
                previous.voucher.as_deref().unwrap_or("-")
            ),
        );
    }
    for p in &plan.details {
        let d = &p.detail;
        let mut line = format!(
            "ligne {} : {} {} → {} : {}",
            d.line,
            d.claimant_no,
            d.name,
            p.tiers,
            format_money(d.amount)
        );
        for case in &p.cases {
            line.push_str(&format!(" — {case}"));
        }
        report.line(p.cases.is_empty(), line);
    }
    let h = &plan.file.header;
    let head = format!(
        "{} {}, organisme {} ({}) : {} allocataires, total {} ; pièce {} du {}",
        h.nature.code(),
        h.operation.label(),
        h.payer,
        plan.payer,
        plan.details.len(),
        format_money(plan.total()),
        CAF_TEMPLATE,
        format_date(plan.value_date)
    );
    report.summary = match outcome {
        None => head,
        Some(PaymentOutcome {
            voucher: Some(number),
            ..
        }) => format!("{head} — pièce {number} enregistrée"),
        Some(_) => format!("{head} — aucune pièce (montants nuls)"),
    };
    report.can_apply = outcome.is_none() && plan.draft.is_some();
    report
}
