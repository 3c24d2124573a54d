//! Boîte d'un traitement (manuel : « compte rendu ») : les options, puis le calcul du
//! plan dans une tâche de fond avec sa barre de progression, le compte rendu dans une zone
//! qui défile et qui peut être enregistré, enfin « Appliquer » pour les traitements qui
//! ont une simulation. La fenêtre ne gèle jamais : le travail tourne dans un fil à part
//! (voir `gui::db::Db::spawn`) et revient par des messages `Progress`.

use iced::widget::{column, container, progress_bar, row, scrollable, text, Column, Space};
use iced::{Alignment, Length};

use super::save::{self, SaveBox};
use super::{tool_button, Element};
use crate::gui::{text as wording, theme};

/// Une ligne du compte rendu : fait (ou à faire), ou écarté avec sa raison.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReportLine {
    pub ok: bool,
    pub text: String,
}

/// Compte rendu d'un traitement.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Report {
    pub lines: Vec<ReportLine>,
    /// Phrase de synthèse (« 12 avis à générer, 3 écartés »).
    pub summary: String,
    /// Le plan peut être appliqué (simulation d'un traitement qui écrit).
    pub can_apply: bool,
}

impl Report {
    pub fn line(&mut self, ok: bool, text: impl Into<String>) {
        self.lines.push(ReportLine {
            ok,
            text: text.into(),
        });
    }

    /// Le compte rendu en texte, pour l'enregistrer.
    pub fn to_text(&self, title: &str) -> String {
        let mut out = format!("{title}\n{}\n\n", self.summary);
        for l in &self.lines {
            out.push_str(if l.ok {
                wording::REPORT_OK_MARK
            } else {
                wording::REPORT_SKIP_MARK
            });
            out.push(' ');
            out.push_str(&l.text);
            out.push('\n');
        }
        out
    }
}

/// Nouvelles d'un travail de fond.
#[derive(Debug, Clone)]
pub enum Progress {
    Step {
        done: usize,
        total: usize,
        label: String,
    },
    Done(Result<Report, String>),
}

/// Où en est la boîte.
#[derive(Debug, Clone, PartialEq)]
pub enum Phase {
    Options,
    /// Calcul du plan (simulation) ou application.
    Running {
        applying: bool,
        done: usize,
        total: usize,
        label: String,
    },
    /// Compte rendu de la simulation, en attente de confirmation.
    Planned(Report),
    /// Compte rendu final.
    Finished(Report),
    Failed(String),
}

/// Ce que l'utilisateur fait dans la boîte.
#[derive(Debug, Clone)]
pub enum Message {
    /// « Lancer » (calcule le plan, sans rien écrire).
    Run,
    /// « Appliquer » le plan affiché.
    Apply,
    Progress(Progress),
    Save(save::Message),
    /// Fermer (ou « Annuler » avant de lancer).
    Close,
    /// Retour aux options pour relancer.
    Back,
}

/// Ce que la boîte demande à l'écran qui la porte.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Request {
    /// Lancer la simulation (le plan) avec les options choisies.
    Plan,
    /// Appliquer le plan.
    Apply,
    Close,
}

/// La boîte d'un traitement.
#[derive(Debug, Clone)]
pub struct Treatment {
    pub title: &'static str,
    phase: Phase,
    save: SaveBox,
    /// Nom de fichier proposé pour le compte rendu.
    stem: &'static str,
    /// Libellé du bouton qui lance le calcul du plan (« Lancer », « Simulation »…).
    run_label: &'static str,
    /// Libellé du bouton qui applique le plan (« Appliquer », « Enregistrer »…).
    apply_label: &'static str,
}

impl Treatment {
    pub fn new(title: &'static str, stem: &'static str) -> Self {
        Treatment {
            title,
            phase: Phase::Options,
            save: SaveBox::new(),
            stem,
            run_label: wording::RUN,
            apply_label: wording::APPLY,
        }
    }

    /// Autre libellé pour le bouton qui lance le calcul du plan.
    pub fn with_run_label(mut self, label: &'static str) -> Self {
        self.run_label = label;
        self
    }

    /// Autre libellé pour le bouton qui applique le plan.
    pub fn with_apply_label(mut self, label: &'static str) -> Self {
        self.apply_label = label;
        self
    }

    /// Boîte ouverte directement sur un plan déjà calculé (simulation rapide), en
    /// attente de « Appliquer ».
    pub fn with_plan(title: &'static str, stem: &'static str, report: Report) -> Self {
        Treatment {
            title,
            phase: if report.can_apply {
                Phase::Planned(report)
            } else {
                Phase::Finished(report)
            },
            save: SaveBox::new(),
            stem,
            run_label: wording::RUN,
            apply_label: wording::APPLY,
        }
    }

    pub fn phase(&self) -> &Phase {
        &self.phase
    }

    /// Un travail tourne : les autres actions attendent.
    pub fn is_running(&self) -> bool {
        matches!(self.phase, Phase::Running { .. })
    }

    /// L'application du plan tourne (elle écrira en base).
    pub fn is_applying(&self) -> bool {
        matches!(self.phase, Phase::Running { applying: true, .. })
    }

    /// Le traitement est allé au bout (compte rendu final).
    pub fn is_finished(&self) -> bool {
        matches!(self.phase, Phase::Finished(_))
    }

    /// Compte rendu affiché (simulation ou final).
    pub fn report(&self) -> Option<&Report> {
        match &self.phase {
            Phase::Planned(r) | Phase::Finished(r) => Some(r),
            _ => None,
        }
    }

    pub fn update(&mut self, message: Message) -> Option<Request> {
        match message {
            Message::Run => {
                if self.is_running() {
                    return None;
                }
                self.phase = Phase::Running {
                    applying: false,
                    done: 0,
                    total: 0,
                    label: String::new(),
                };
                Some(Request::Plan)
            }
            Message::Apply => {
                if !matches!(&self.phase, Phase::Planned(r) if r.can_apply) {
                    return None;
                }
                self.phase = Phase::Running {
                    applying: true,
                    done: 0,
                    total: 0,
                    label: String::new(),
                };
                Some(Request::Apply)
            }
            Message::Progress(Progress::Step { done, total, label }) => {
                if let Phase::Running { applying, .. } = self.phase {
                    self.phase = Phase::Running {
                        applying,
                        done,
                        total,
                        label,
                    };
                }
                None
            }
            Message::Progress(Progress::Done(result)) => {
                let applying = matches!(self.phase, Phase::Running { applying: true, .. });
                self.phase = match result {
                    Ok(report) if applying => Phase::Finished(Report {
                        can_apply: false,
                        ..report
                    }),
                    Ok(report) if report.can_apply => Phase::Planned(report),
                    Ok(report) => Phase::Finished(report),
                    Err(message) => Phase::Failed(message),
                };
                None
            }
            Message::Save(message) => {
                if let Some(path) = self.save.update(message) {
                    let contents = self
                        .report()
                        .map(|r| r.to_text(self.title))
                        .unwrap_or_default();
                    self.save.write(path, contents.as_bytes());
                }
                None
            }
            Message::Back => {
                if !self.is_running() {
                    self.phase = Phase::Options;
                }
                None
            }
            Message::Close => {
                if self.is_running() {
                    None
                } else {
                    Some(Request::Close)
                }
            }
        }
    }

    /// Le contenu de la boîte ; `options` est affiché avant le lancement.
    pub fn view<'a, M: Clone + 'a>(
        &'a self,
        options: Element<'a, M>,
        map: fn(Message) -> M,
    ) -> Element<'a, M> {
        self.view_with(options, map, Vec::new())
    }

    /// Idem, avec des boutons de plus sous le compte rendu final (« Ouvrir le PDF »).
    pub fn view_with<'a, M: Clone + 'a>(
        &'a self,
        options: Element<'a, M>,
        map: fn(Message) -> M,
        extra: Vec<Element<'a, M>>,
    ) -> Element<'a, M> {
        let title = text(self.title)
            .font(theme::FONT_BOLD)
            .size(theme::TEXT_TITLE);
        let body: Element<'a, M> = match &self.phase {
            Phase::Options => column![
                options,
                row![
                    Space::new().width(Length::Fill),
                    tool_button(
                        wording::CANCEL,
                        Some(map(Message::Close)),
                        theme::secondary_button
                    ),
                    tool_button(
                        self.run_label,
                        Some(map(Message::Run)),
                        theme::primary_button
                    ),
                ]
                .spacing(theme::SPACE_S)
            ]
            .spacing(theme::SPACE_L)
            .into(),
            Phase::Running {
                applying,
                done,
                total,
                label,
            } => {
                let value = if *total == 0 {
                    0.0
                } else {
                    *done as f32 / *total as f32
                };
                column![
                    text(if *applying {
                        wording::APPLYING
                    } else {
                        wording::PLANNING
                    })
                    .size(theme::TEXT_BODY),
                    progress_bar(0.0..=1.0, value).girth(12.0),
                    text(wording::progress(*done, *total, label))
                        .size(theme::TEXT_SMALL)
                        .style(theme::muted_text),
                ]
                .spacing(theme::SPACE_M)
                .into()
            }
            Phase::Planned(report) | Phase::Finished(report) => {
                let planned = matches!(self.phase, Phase::Planned(_));
                let mut buttons = row![self.save.view(
                    wording::SAVE_REPORT,
                    save::default_path(self.stem, chrono::Local::now().date_naive(), "txt"),
                    move |m| map(Message::Save(m)),
                )]
                .spacing(theme::SPACE_S)
                .align_y(Alignment::Center);
                buttons = buttons.push(Space::new().width(Length::Fill));
                if planned {
                    buttons = buttons
                        .push(tool_button(
                            wording::CANCEL,
                            Some(map(Message::Close)),
                            theme::secondary_button,
                        ))
                        .push(tool_button(
                            self.apply_label,
                            Some(map(Message::Apply)),
                            theme::primary_button,
                        ));
                } else {
                    for e in extra {
                        buttons = buttons.push(e);
                    }
                    buttons = buttons.push(tool_button(
                        wording::CLOSE,
                        Some(map(Message::Close)),
                        theme::primary_button,
                    ));
                }
                column![
                    text(if planned {
                        wording::report_planned(self.apply_label)
                    } else {
                        wording::REPORT_DONE.to_string()
                    })
                    .size(theme::TEXT_SMALL)
                    .style(theme::muted_text),
                    text(report.summary.as_str())
                        .font(theme::FONT_BOLD)
                        .size(theme::TEXT_BODY),
                    report_view(report),
                    buttons,
                ]
                .spacing(theme::SPACE_M)
                .into()
            }
            Phase::Failed(message) => column![
                text(message.as_str())
                    .size(theme::TEXT_BODY)
                    .style(theme::error_text),
                row![
                    Space::new().width(Length::Fill),
                    tool_button(
                        wording::BACK_TO_OPTIONS,
                        Some(map(Message::Back)),
                        theme::secondary_button
                    ),
                    tool_button(
                        wording::CLOSE,
                        Some(map(Message::Close)),
                        theme::primary_button
                    ),
                ]
                .spacing(theme::SPACE_S)
            ]
            .spacing(theme::SPACE_L)
            .into(),
        };
        column![title, body].spacing(theme::SPACE_L).into()
    }
}

/// Les lignes du compte rendu, dans une zone qui défile.
fn report_view<'a, M: 'a>(report: &'a Report) -> Element<'a, M> {
    let mut lines = Column::new().spacing(2.0);
    if report.lines.is_empty() {
        lines = lines.push(
            text(wording::REPORT_EMPTY)
                .size(theme::TEXT_SMALL)
                .style(theme::muted_text),
        );
    }
    for l in &report.lines {
        let mark = if l.ok {
            text(wording::REPORT_OK_MARK).style(theme::success_text)
        } else {
            text(wording::REPORT_SKIP_MARK).style(theme::error_text)
        };
        lines = lines.push(
            row![
                mark.size(theme::TEXT_SMALL),
                text(l.text.as_str()).size(theme::TEXT_SMALL)
            ]
            .spacing(theme::SPACE_S),
        );
    }
    // La barre de défilement a sa place à droite des lignes, qu'elle ne recouvre pas.
    let lines = scrollable(lines.padding(theme::SPACE_S))
        .spacing(theme::SPACE_XS)
        .height(Length::Fixed(280.0));
    container(lines)
        .width(Length::Fill)
        .style(theme::table_frame)
        .into()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plan_then_apply_then_close() {
        let mut t = Treatment::new("Essai", "essai");
        assert_eq!(t.update(Message::Run), Some(Request::Plan));
        assert!(t.is_running());
        assert_eq!(
            t.update(Message::Close),
            None,
            "pas de fermeture en cours de route"
        );
        t.update(Message::Progress(Progress::Step {
            done: 1,
            total: 2,
            label: "x".into(),
        }));
        let mut report = Report {
            can_apply: true,
            ..Report::default()
        };
        report.line(true, "fait");
        t.update(Message::Progress(Progress::Done(Ok(report))));
        assert!(matches!(t.phase(), Phase::Planned(_)));
        assert_eq!(t.update(Message::Apply), Some(Request::Apply));
        t.update(Message::Progress(Progress::Done(Ok(Report::default()))));
        assert!(matches!(t.phase(), Phase::Finished(_)));
        assert_eq!(t.update(Message::Apply), None);
        assert_eq!(t.update(Message::Close), Some(Request::Close));
    }
}
