//! « Générer fichier SEPA » (manuel : étape 2) : la date de prélèvement demandée à la
//! banque, la version du message et le fichier à écrire ; le compte rendu du plan
//! (`debit_file::file_report`), puis sur confirmation le fichier écrit et enregistré
//! (`debit_file::run`).

use std::path::PathBuf;

use iced::widget::{column, pick_list, row, text};
use iced::{Alignment, Length, Task};

use crate::formats::sepa::PainVersion;
use crate::gui::db::Db;
use crate::gui::screen::Ctx;
use crate::gui::widget::browse::Kind;
use crate::gui::widget::path::{self, PathField};
use crate::gui::widget::treatment::{self, Progress, Report, Treatment};
use crate::gui::widget::{inputs, save, Element};
use crate::gui::{text as wording, theme};
use crate::model::dates::format_date;
use crate::model::money::format_money;
use crate::treatments::debit_file::{self, file_report, FileOptions, FilePlan};
use crate::treatments::direct_debit::DebitOptions;

/// Les versions du message proposées, la 08 d'abord (la norme des banques françaises).
pub const VERSIONS: [&str; 2] = ["pain.008.001.08", "pain.008.001.02"];

#[derive(Debug, Clone)]
pub enum Message {
    Date(String),
    Version(&'static str),
    Path(String),
    /// « Parcourir… » : la boîte « Enregistrer sous » du système.
    Browse,
    Browsed(Option<PathBuf>),
}

/// Les options de la boîte du fichier.
#[derive(Debug, Clone)]
pub struct SepaFile {
    window: DebitOptions,
    pub date: String,
    pub version: &'static str,
    pub path: PathField,
    /// Options du plan affiché : l'application reprend les mêmes (même MsgId).
    planned: Option<FileOptions>,
}

/// La boîte, pour la liste de `window` : prélèvement au plus tôt aujourd'hui, fichier
/// proposé dans le dossier des documents.
pub fn open(window: &DebitOptions, ctx: &Ctx) -> (Treatment, SepaFile) {
    let date = window.from.max(ctx.db.today);
    let path = save::default_path(wording::SEPA_STEM, ctx.db.today, "xml");
    (
        Treatment::new(wording::SEPA_TITLE, wording::SEPA_STEM),
        SepaFile {
            window: *window,
            date: format_date(date),
            version: VERSIONS[0],
            path: PathField::new(path.display().to_string()),
            planned: None,
        },
    )
}

impl SepaFile {
    pub fn update(&mut self, message: Message) -> Task<Message> {
        match message {
            Message::Date(v) => self.date = v,
            Message::Version(v) => self.version = v,
            Message::Path(v) => self.path.path = v,
            Message::Browse => {
                let title = wording::SEPA_SAVE_TITLE;
                return self
                    .path
                    .browse(Kind::Save, title, path::XML, Message::Browsed);
            }
            Message::Browsed(Some(path)) => self.path.path = path.display().to_string(),
            Message::Browsed(None) => {}
        }
        Task::none()
    }

    /// Les options du fichier lues, ou l'erreur de saisie ; « maintenant » est la date
    /// du jour de la fenêtre à l'heure de l'horloge (le MsgId en est fait).
    fn options(&self, db: &Db) -> Result<(FileOptions, PathBuf), String> {
        let collection_date = inputs::date(&self.date)
            .map_err(|e| wording::field_error(wording::SEPA_COLLECTION_DATE, &e))?;
        let path = self.path.path.trim();
        if path.is_empty() {
            return Err(wording::field_error(
                wording::SEPA_FILE,
                wording::SEPA_NO_FILE,
            ));
        }
        let version = if self.version == VERSIONS[1] {
            PainVersion::V02
        } else {
            PainVersion::V08
        };
        let now = db.today.and_time(chrono::Local::now().time());
        let options = FileOptions {
            collection_date,
            version,
            now,
        };
        Ok((options, PathBuf::from(path)))
    }

    /// Les options de la boîte.
    pub fn view(&self) -> Element<'_, super::Message> {
        let map = super::Message::Sepa;
        let label = |t: &'static str| {
            text(t)
                .size(theme::TEXT_BODY)
                .width(Length::Fixed(theme::LABEL_WIDTH))
        };
        column![
            row![
                label(wording::SEPA_COLLECTION_DATE),
                inputs::date_input(
                    &self.date,
                    false,
                    Some(Box::new(move |v| map(Message::Date(v))))
                ),
            ]
            .spacing(theme::SPACE_S)
            .align_y(Alignment::Center),
            row![
                label(wording::SEPA_VERSION),
                pick_list(&VERSIONS[..], Some(self.version), move |v| map(
                    Message::Version(v)
                ))
                .text_size(theme::TEXT_BODY)
                .padding(theme::SPACE_XS + 2.0),
            ]
            .spacing(theme::SPACE_S)
            .align_y(Alignment::Center),
            self.path.view(
                wording::SEPA_FILE,
                move |v| map(Message::Path(v)),
                map(Message::Browse)
            ),
            text(wording::SEPA_HINT)
                .size(theme::TEXT_SMALL)
                .style(theme::muted_text),
        ]
        .spacing(theme::SPACE_M)
        .into()
    }
}

/// Lance le plan (`simulation`) ou l'écriture du fichier dans une tâche de fond.
pub fn spawn(
    t: &mut Treatment,
    file: &mut SepaFile,
    simulation: bool,
    ctx: &Ctx,
) -> Task<Progress> {
    // L'application reprend les options du plan affiché : même fichier, même MsgId.
    let planned = file
        .options(ctx.db)
        .map(|(options, path)| match &file.planned {
            Some(shown) if !simulation => (*shown, path),
            _ => {
                file.planned = Some(options);
                (options, path)
            }
        });
    let (options, path) = match planned {
        Ok(pair) => pair,
        Err(e) => {
            t.update(treatment::Message::Progress(Progress::Done(Err(e))));
            return Task::none();
        }
    };
    let window = file.window;
    ctx.db.spawn(move |store, session, progress| {
        progress(0, 1, wording::SEPA_RUNNING);
        let (plan, written) = debit_file::run(store, session, &window, &options, &path, simulation)
            .map_err(|e| e.to_string())?;
        progress(1, 1, wording::SEPA_RUNNING);
        Ok(report(&plan, simulation, written.then_some(path.as_path())))
    })
}

/// Le compte rendu du plan (`file_report`), une ligne par ligne du texte ; les
/// prélèvements déjà dans un fichier et les locations écartées sont marqués à part.
pub fn report(plan: &FilePlan, planned: bool, written: Option<&std::path::Path>) -> Report {
    let mut report = Report::default();
    let mut aside = false;
    for line in file_report(plan).lines() {
        if !line.starts_with(' ') {
            aside = ["Aucun", "Déjà", "Écarté"]
                .iter()
                .any(|w| line.starts_with(w));
        }
        report.line(!aside, line);
    }
    let total = format_money(plan.total());
    report.summary = match written {
        Some(path) => wording::sepa_written(plan.debits.len(), &total, path),
        None if plan.file.is_some() => wording::sepa_planned(plan.debits.len(), &total),
        None => wording::SEPA_NOTHING.to_string(),
    };
    report.can_apply = planned && plan.file.is_some();
    report
}
