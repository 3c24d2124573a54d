//! Fenêtre « Base et bailleur » : la base ouverte, l'ouverture d'une autre base (chemin
//! saisi ou choisi dans la boîte du système, créée si elle n'existe pas), le choix du
//! bailleur, et le contrôle de la base
//! (`abri verifier`) lancé comme traitement : dans une tâche de fond, avec son compte
//! rendu enregistrable.

use std::path::PathBuf;

use iced::widget::{column, container, pick_list, row, text, text_input};
use iced::{Alignment, Length, Task};

use super::Ctx;
use crate::gui::widget::browse::{self, Kind, Request};
use crate::gui::widget::treatment::{self, Report, Treatment};
use crate::gui::widget::{modal, tool_button, Element};
use crate::gui::{text as wording, theme};

#[derive(Debug, Clone)]
pub enum Message {
    Path(String),
    /// « Ouvrir » la base du chemin saisi.
    Open,
    /// « Parcourir… » (base existante) ou « Nouvelle base… » : la boîte du système.
    Browse(Kind),
    /// Réponse de la boîte (`None` : abandon).
    Browsed(Option<PathBuf>),
    /// Choix du bailleur (« CODE — Nom »).
    Landlord(String),
    /// « Vérifier la base ».
    Verify,
    Treatment(treatment::Message),
}

/// Ce que la fenêtre demande à l'application.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Action {
    Open(PathBuf),
    SwitchLandlord(String),
}

pub struct Database {
    path: String,
    landlords: Vec<String>,
    current: String,
    treatment: Option<Treatment>,
    /// Boîte du système indisponible : le message.
    notice: Option<String>,
}

impl Database {
    pub fn new(ctx: &Ctx) -> Self {
        let mut screen = Database {
            path: ctx.db.path.display().to_string(),
            landlords: Vec::new(),
            current: String::new(),
            treatment: None,
            notice: None,
        };
        screen.reload(ctx);
        screen
    }

    pub fn reload(&mut self, ctx: &Ctx) {
        let code = ctx.db.session.landlord_code.clone();
        if let Ok(list) = ctx.db.with_store(|store| store.landlords()) {
            self.landlords = list
                .iter()
                .map(|(c, n)| format!("{c}{}{n}", wording::CHOICE_SEPARATOR))
                .collect();
        }
        self.current = self
            .landlords
            .iter()
            .find(|l| reference_of(l) == code)
            .cloned()
            .unwrap_or(code);
    }

    /// Message sous le chemin (boîte du système indisponible).
    pub fn notice(&self) -> Option<&str> {
        self.notice.as_deref()
    }

    pub fn treatment(&self) -> Option<&Treatment> {
        self.treatment.as_ref()
    }

    pub fn is_busy(&self) -> bool {
        self.treatment.as_ref().is_some_and(Treatment::is_running)
    }

    pub fn update(&mut self, message: Message, ctx: &Ctx) -> (Task<Message>, Option<Action>) {
        match message {
            Message::Path(path) => {
                self.path = path;
                (Task::none(), None)
            }
            Message::Browse(kind) => {
                if let Err(message) = browse::availability() {
                    self.notice = Some(message);
                    return (Task::none(), None);
                }
                self.notice = None;
                let request = Request {
                    kind,
                    title: if kind == Kind::Save {
                        wording::NEW_DATABASE_TITLE
                    } else {
                        wording::OPEN_DATABASE_TITLE
                    },
                    proposed: PathBuf::from(self.path.trim()),
                    filter: Some((wording::DATABASE_FILES, &["sqlite", "db"])),
                };
                (browse::task(request, Message::Browsed), None)
            }
            Message::Browsed(picked) => match picked {
                Some(path) => {
                    self.path = path.display().to_string();
                    (Task::none(), Some(Action::Open(path)))
                }
                None => (Task::none(), None),
            },
            Message::Open => {
                let path = self.path.trim();
                if path.is_empty() {
                    return (Task::none(), None);
                }
                (Task::none(), Some(Action::Open(PathBuf::from(path))))
            }
            Message::Landlord(choice) => {
                let code = reference_of(&choice).to_string();
                (Task::none(), Some(Action::SwitchLandlord(code)))
            }
            Message::Verify => {
                self.treatment = Some(Treatment::new(wording::VERIFY_TITLE, wording::VERIFY_STEM));
                (Task::none(), None)
            }
            Message::Treatment(m) => {
                let Some(t) = self.treatment.as_mut() else {
                    return (Task::none(), None);
                };
                match t.update(m) {
                    Some(treatment::Request::Plan) => {
                        let task = ctx.db.spawn(|store, _session, progress| {
                            progress(0, 1, wording::VERIFY_RUNNING);
                            let problems = store.verify().map_err(|e| e.to_string())?;
                            progress(1, 1, wording::VERIFY_RUNNING);
                            let mut report = Report {
                                summary: wording::verify_summary(problems.len()),
                                ..Report::default()
                            };
                            for p in problems {
                                report.line(false, p.to_string());
                            }
                            Ok(report)
                        });
                        (
                            task.map(|p| Message::Treatment(treatment::Message::Progress(p))),
                            None,
                        )
                    }
                    Some(treatment::Request::Close) => {
                        self.treatment = None;
                        (Task::none(), None)
                    }
                    Some(treatment::Request::Apply) | None => (Task::none(), None),
                }
            }
        }
    }

    pub fn view<'a>(&'a self, ctx: &Ctx<'a>) -> Element<'a, Message> {
        let database = container(
            column![
                text(wording::DATABASE_OPEN)
                    .font(theme::FONT_BOLD)
                    .size(theme::TEXT_BODY),
                text(wording::status_database(&ctx.db.path)).size(theme::TEXT_BODY),
                row![
                    text_input(wording::PATH_PLACEHOLDER, &self.path)
                        .on_input(Message::Path)
                        .on_submit(Message::Open)
                        .padding(theme::SPACE_XS + 2.0)
                        .size(theme::TEXT_BODY)
                        .width(Length::Fixed(520.0))
                        .style(theme::field_input(false)),
                    tool_button(
                        wording::OPEN_DATABASE,
                        Some(Message::Open),
                        theme::primary_button
                    ),
                    tool_button(
                        wording::BROWSE,
                        Some(Message::Browse(Kind::Open)),
                        theme::secondary_button
                    ),
                    tool_button(
                        wording::NEW_DATABASE,
                        Some(Message::Browse(Kind::Save)),
                        theme::secondary_button
                    ),
                ]
                .spacing(theme::SPACE_S)
                .align_y(Alignment::Center),
                text(wording::OPEN_DATABASE_HINT)
                    .size(theme::TEXT_SMALL)
                    .style(theme::muted_text),
            ]
            .push(
                self.notice
                    .as_deref()
                    .map(|n| text(n).size(theme::TEXT_SMALL).style(theme::error_text)),
            )
            .spacing(theme::SPACE_S),
        )
        .padding(theme::SPACE_L)
        .width(Length::Fill)
        .style(theme::card);
        let landlord = container(
            column![
                text(wording::LANDLORD)
                    .font(theme::FONT_BOLD)
                    .size(theme::TEXT_BODY),
                pick_list(
                    self.landlords.as_slice(),
                    Some(&self.current),
                    Message::Landlord
                )
                .text_size(theme::TEXT_BODY)
                .padding(theme::SPACE_XS + 2.0)
                .width(Length::Fixed(520.0)),
            ]
            .spacing(theme::SPACE_S),
        )
        .padding(theme::SPACE_L)
        .width(Length::Fill)
        .style(theme::card);
        let verify = container(
            column![
                text(wording::VERIFY_TITLE)
                    .font(theme::FONT_BOLD)
                    .size(theme::TEXT_BODY),
                text(wording::VERIFY_HINT)
                    .size(theme::TEXT_SMALL)
                    .style(theme::muted_text),
                tool_button(
                    wording::VERIFY_BUTTON,
                    Some(Message::Verify),
                    theme::secondary_button
                ),
            ]
            .spacing(theme::SPACE_S),
        )
        .padding(theme::SPACE_L)
        .width(Length::Fill)
        .style(theme::card);
        let page: Element<'a, Message> = column![
            text(wording::DATABASE)
                .font(theme::FONT_BOLD)
                .size(theme::TEXT_TITLE),
            database,
            landlord,
            verify
        ]
        .spacing(theme::SPACE_L)
        .into();
        match &self.treatment {
            None => page,
            Some(t) => modal(
                page,
                t.view(
                    text(wording::VERIFY_OPTIONS).size(theme::TEXT_BODY).into(),
                    Message::Treatment,
                ),
            ),
        }
    }
}

/// Référence d'un choix « CODE — Nom ».
fn reference_of(choice: &str) -> &str {
    choice
        .split(wording::CHOICE_SEPARATOR)
        .next()
        .unwrap_or(choice)
        .trim()
}
