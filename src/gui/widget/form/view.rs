//! L'affichage du formulaire : titre et boutons, bandeaux de messages, onglets, champs
//! de l'onglet (deux par ligne), tableaux de détail, et la question en attente.

use iced::widget::{
    button, checkbox, column, container, pick_list, row, scrollable, text, text_editor, Column,
    Space,
};
use iced::{Alignment, Length};

use super::{Confirm, Detail, Field, Form, Kind, Message, Value};
use crate::gui::widget::{inputs, modal, tool_button, Element};
use crate::gui::{text as wording, theme};

impl Form {
    /// Formulaire complet : titre et boutons, messages, onglets, contenu de l'onglet.
    /// `custom` remplace le contenu des onglets sans champ ni détail (Situation…) ;
    /// `actions` s'ajoute aux boutons (traitements de la fiche).
    pub fn view<'a, M: Clone + 'a>(
        &'a self,
        map: fn(Message) -> M,
        custom: Option<Element<'a, M>>,
        actions: Vec<Element<'a, M>>,
    ) -> Element<'a, M> {
        let mut page = Column::new()
            .spacing(theme::SPACE_M)
            .push(self.toolbar_view(map, actions));
        for banner in self.banners() {
            page = page.push(banner);
        }
        if self.tabs.len() > 1 {
            page = page.push(self.tabs_view(map));
        }
        page = page.push(self.tab_view(map, custom));
        let base: Element<'a, M> = page.into();
        match self.confirm {
            None => base,
            Some(confirm) => modal(base, self.confirm_view(confirm, map)),
        }
    }

    /// Le titre (et « modifications non enregistrées »), puis « + », « V », « – »,
    /// « ← Liste » et les traitements de la fiche.
    fn toolbar_view<'a, M: Clone + 'a>(
        &'a self,
        map: fn(Message) -> M,
        actions: Vec<Element<'a, M>>,
    ) -> Element<'a, M> {
        let mut toolbar = row![
            tool_button(
                wording::NEW_BUTTON,
                Some(map(Message::New)),
                theme::secondary_button
            ),
            tool_button(
                wording::SAVE_BUTTON,
                Some(map(Message::Save)),
                theme::primary_button,
            ),
            tool_button(
                wording::DELETE_BUTTON,
                self.can_delete.then(|| map(Message::Delete)),
                theme::danger_button,
            ),
        ]
        .spacing(theme::SPACE_S)
        .align_y(Alignment::Center);
        if self.can_close {
            toolbar = toolbar.push(tool_button(
                wording::BACK_BUTTON,
                Some(map(Message::Close)),
                theme::secondary_button,
            ));
        }
        toolbar = toolbar.push(Space::new().width(Length::Fill));
        for action in actions {
            toolbar = toolbar.push(action);
        }
        let mut title = row![text(self.title.as_str())
            .font(theme::FONT_BOLD)
            .size(theme::TEXT_TITLE)]
        .spacing(theme::SPACE_L)
        .align_y(Alignment::Center);
        if self.dirty && self.existing.is_some() {
            title = title.push(
                text(wording::UNSAVED_CHANGES)
                    .size(theme::TEXT_SMALL)
                    .style(theme::muted_text),
            );
        }
        column![title, toolbar].spacing(theme::SPACE_S).into()
    }

    /// Les bandeaux sous les boutons : l'avertissement permanent, les erreurs, le message
    /// d'information.
    fn banners<'a, M: 'a>(&'a self) -> Vec<Element<'a, M>> {
        let mut banners = Vec::new();
        if let Some(notice) = &self.notice {
            banners.push(banner(notice.as_str(), theme::warning_banner));
        }
        if !self.general.is_empty() {
            banners.push(banner(self.general.join("\n"), theme::error_banner));
        } else if !self.errors.is_empty() || self.details.iter().any(Detail::has_errors) {
            banners.push(banner(wording::FORM_HAS_ERRORS, theme::error_banner));
        }
        if let Some(info) = &self.info {
            banners.push(banner(info.as_str(), theme::info_banner));
        }
        banners
    }

    /// La barre des onglets ; un onglet qui a une erreur le dit.
    fn tabs_view<'a, M: Clone + 'a>(&'a self, map: fn(Message) -> M) -> Element<'a, M> {
        row(self.tabs.iter().enumerate().map(|(i, title)| {
            let has_error = self
                .fields
                .iter()
                .any(|f| f.tab == i && self.errors.contains_key(f.key))
                || self.details.iter().any(|d| d.tab == i && d.has_errors());
            let label = if has_error {
                text(wording::tab_with_error(title))
                    .size(theme::TEXT_BODY)
                    .style(theme::error_text)
            } else {
                text(*title).size(theme::TEXT_BODY)
            };
            button(label)
                .on_press(map(Message::Tab(i)))
                .padding([theme::SPACE_S, theme::SPACE_L])
                .style(theme::tab(i == self.tab))
                .into()
        }))
        .spacing(2.0)
        .into()
    }

    /// Le contenu de l'onglet courant, dans une carte qui défile : ses champs deux par
    /// ligne, ses champs sur plusieurs lignes, ses tableaux de détail, puis `custom`.
    fn tab_view<'a, M: Clone + 'a>(
        &'a self,
        map: fn(Message) -> M,
        custom: Option<Element<'a, M>>,
    ) -> Element<'a, M> {
        let fields: Vec<(usize, &Field)> = self
            .fields
            .iter()
            .enumerate()
            .filter(|(_, f)| f.tab == self.tab && f.kind != Kind::MultiLine)
            .collect();
        let mut content = Column::new().spacing(theme::SPACE_M);
        for pair in fields.chunks(2) {
            let mut line = row![].spacing(theme::SPACE_XL);
            for (i, field) in pair {
                line = line.push(self.field_view(*i, field, map));
            }
            if pair.len() == 1 {
                line = line.push(Space::new().width(Length::Fill));
            }
            content = content.push(line);
        }
        for field in self
            .fields
            .iter()
            .filter(|f| f.tab == self.tab && f.kind == Kind::MultiLine)
        {
            content = content.push(self.multi_line_view(field, map));
        }
        for (index, detail) in self.details.iter().enumerate() {
            if detail.tab == self.tab {
                content = content.push(detail.view(index, map, self.details_editable));
            }
        }
        if let Some(custom) = custom {
            content = content.push(custom);
        }
        container(scrollable(content.padding(theme::SPACE_L)).height(Length::Fill))
            .width(Length::Fill)
            .height(Length::Fill)
            .style(theme::card)
            .into()
    }

    /// La question en attente (supprimer, enregistrer malgré tout, abandonner les
    /// modifications), avec « non » et « oui ».
    fn confirm_view<'a, M: Clone + 'a>(
        &'a self,
        confirm: Confirm,
        map: fn(Message) -> M,
    ) -> Element<'a, M> {
        let (question, yes) = match confirm {
            Confirm::Delete => (wording::confirm_delete(&self.title), wording::DELETE_YES),
            Confirm::Save => (self.question.clone().unwrap_or_default(), wording::SAVE_YES),
            Confirm::Discard(_) => (wording::CONFIRM_DISCARD.to_string(), wording::DISCARD_YES),
        };
        column![
            text(question).size(theme::TEXT_BODY),
            row![
                Space::new().width(Length::Fill),
                tool_button(
                    wording::CANCEL,
                    Some(map(Message::Cancel)),
                    theme::secondary_button
                ),
                tool_button(yes, Some(map(Message::Confirm)), theme::danger_button),
            ]
            .spacing(theme::SPACE_S)
        ]
        .spacing(theme::SPACE_L)
        .into()
    }

    /// Un champ sur plusieurs lignes : libellé au-dessus, éditeur sur toute la largeur,
    /// message d'erreur dessous.
    pub(super) fn multi_line_view<'a, M: Clone + 'a>(
        &'a self,
        field: &'a Field,
        map: fn(Message) -> M,
    ) -> Element<'a, M> {
        let key = field.key;
        let label = field_label(field);
        let mut cell = column![label].spacing(theme::SPACE_XS).width(Length::Fill);
        if let Some(content) = self.editors.get(key) {
            cell = cell.push(
                text_editor(content)
                    .on_action(move |a| map(Message::Edit(key, a)))
                    .size(theme::TEXT_BODY)
                    .padding(theme::SPACE_S)
                    .min_height(theme::NOTES_HEIGHT)
                    .style(theme::text_area),
            );
        }
        if let Some(message) = self.errors.get(key) {
            cell = cell.push(
                text(message.as_str())
                    .size(theme::TEXT_SMALL)
                    .style(theme::error_text),
            );
        }
        cell.into()
    }

    /// Un champ : libellé (gras s'il est obligatoire), zone de saisie, message d'erreur.
    fn field_view<'a, M: Clone + 'a>(
        &'a self,
        index: usize,
        field: &'a Field,
        map: fn(Message) -> M,
    ) -> Element<'a, M> {
        let key = field.key;
        let label = field_label(field);
        let error = self.errors.get(key);
        let invalid = error.is_some();
        let editable = self.editable && field.kind != Kind::ReadOnly && !self.is_locked(index);
        let on_input = || -> Option<Box<dyn Fn(String) -> M + 'a>> {
            editable.then(|| {
                Box::new(move |s| map(Message::Input(key, s))) as Box<dyn Fn(String) -> M + 'a>
            })
        };
        let value = &self.values[index];
        let input: Element<'a, M> = match (&field.kind, value) {
            (Kind::Check, Value::Flag(flag)) => checkbox(*flag)
                .on_toggle_maybe(editable.then_some(move |f| map(Message::Toggle(key, f))))
                .into(),
            (Kind::Choice(options), Value::Text(t)) if editable => {
                pick_list(options.as_slice(), Some(t), move |s: String| {
                    map(Message::Input(key, s))
                })
                .text_size(theme::TEXT_BODY)
                .padding(theme::SPACE_XS + 2.0)
                .width(theme::INPUT_WIDTH)
                .into()
            }
            (Kind::Search(choices), v) => self.search_view(key, choices, v, invalid, editable, map),
            (Kind::Date, v) => inputs::date_input(v.as_text(), invalid, on_input()),
            (Kind::Amount, v) => inputs::amount_input(v.as_text(), invalid, on_input()),
            (_, v) => inputs::text_field(
                "",
                v.as_text(),
                invalid,
                Length::Fixed(theme::INPUT_WIDTH),
                on_input(),
            ),
        };
        // Un champ de recherche s'allonge vers le bas (fiches proposées, libellé) : son
        // libellé reste au niveau de la zone.
        let line = if matches!(field.kind, Kind::Search(_)) {
            let label = container(label)
                .width(theme::LABEL_WIDTH)
                .padding([theme::SPACE_XS + 2.0, 0.0]);
            row![label, input].align_y(Alignment::Start)
        } else {
            row![container(label).width(theme::LABEL_WIDTH), input].align_y(Alignment::Center)
        };
        let mut cell = column![line].spacing(2.0).width(Length::Fill);
        if let Some(message) = error {
            cell = cell.push(row![
                Space::new().width(theme::LABEL_WIDTH),
                text(message.as_str())
                    .size(theme::TEXT_SMALL)
                    .style(theme::error_text)
                    .width(Length::Fill)
            ]);
        }
        cell.into()
    }
}

/// Bandeau de message.
pub fn banner<'a, M: 'a>(
    message: impl text::IntoFragment<'a>,
    style: fn(&iced::Theme) -> container::Style,
) -> Element<'a, M> {
    container(text(message).size(theme::TEXT_BODY))
        .padding([theme::SPACE_S, theme::SPACE_M])
        .width(Length::Fill)
        .style(style)
        .into()
}

/// Libellé d'un champ, en gras s'il est obligatoire.
fn field_label(field: &Field) -> iced::widget::Text<'_> {
    let label = text(field.label).size(theme::TEXT_BODY);
    if field.required {
        label.font(theme::FONT_BOLD)
    } else {
        label
    }
}
