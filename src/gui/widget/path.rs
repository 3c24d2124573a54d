//! Zone du chemin d'un fichier à lire ou à écrire dans une boîte de traitement, avec
//! « Parcourir… » qui ouvre la boîte du système (`browse`) ; sans elle, le chemin se
//! tape et la raison s'affiche sous la zone.

use std::path::PathBuf;

use iced::widget::{column, row, text};
use iced::{Alignment, Length, Task};

use super::browse::{self, Kind, Request};
use super::{inputs, tool_button, Element};
use crate::gui::{text as wording, theme};

/// Les fichiers proposés par la boîte du système : les XML.
pub const XML: Option<(&str, &[&str])> = Some(("XML", &["xml", "XML"]));

/// Le chemin tapé ou choisi, et pourquoi la boîte du système ne s'ouvre pas.
#[derive(Debug, Clone, Default)]
pub struct PathField {
    pub path: String,
    notice: Option<String>,
}

impl PathField {
    pub fn new(path: String) -> Self {
        PathField { path, notice: None }
    }

    /// La tâche qui ouvre la boîte du système et rend `done(chemin)` ; aucune tâche si
    /// elle ne peut pas s'ouvrir ici (la raison s'affiche sous la zone).
    pub fn browse<M: Send + 'static>(
        &mut self,
        kind: Kind,
        title: &'static str,
        filter: Option<(&'static str, &'static [&'static str])>,
        done: fn(Option<PathBuf>) -> M,
    ) -> Task<M> {
        match browse::availability() {
            Ok(()) => {
                self.notice = None;
                let request = Request {
                    kind,
                    title,
                    proposed: PathBuf::from(self.path.trim()),
                    filter,
                };
                browse::task(request, done)
            }
            Err(e) => {
                self.notice = Some(e);
                Task::none()
            }
        }
    }

    /// Le libellé, la zone et « Parcourir… », puis la raison s'il y en a une.
    pub fn view<'a, M: Clone + 'a>(
        &'a self,
        label: &'a str,
        on_input: impl Fn(String) -> M + 'a,
        on_browse: M,
    ) -> Element<'a, M> {
        let mut field = column![
            text(label).size(theme::TEXT_BODY),
            row![
                inputs::text_field(
                    wording::PATH_PLACEHOLDER,
                    &self.path,
                    false,
                    Length::Fill,
                    Some(Box::new(on_input)),
                ),
                tool_button(wording::BROWSE, Some(on_browse), theme::secondary_button),
            ]
            .spacing(theme::SPACE_S)
            .align_y(Alignment::Center),
        ]
        .spacing(theme::SPACE_S);
        if let Some(notice) = &self.notice {
            field = field.push(
                text(notice.as_str())
                    .size(theme::TEXT_SMALL)
                    .style(theme::error_text),
            );
        }
        field.into()
    }
}
