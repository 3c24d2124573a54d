//! Onglet « Clés de répartition » de la fiche immeuble (manuel : « Préparation des clés &
//! tantièmes de répartition ») : la liste des clés de l'immeuble avec le contrôle de la
//! somme des tantièmes, et la clé ouverte avec les tantièmes de chaque lot, saisis en
//! place. Les clés nouvelles, modifiées ou à supprimer s'enregistrent avec la fiche
//! (« V »), dans sa transaction ; un refus s'affiche dans la clé, rien de tapé n'est perdu.

use std::collections::BTreeMap;

use iced::widget::{button, column, container, row, text, Column, Space};
use iced::{Alignment, Length};

use super::records::{Panel, PanelRefusal};
use super::Data;
use crate::gui::widget::form::{self, Form};
use crate::gui::widget::inputs::{self, CellKind};
use crate::gui::widget::{tool_button, Element};
use crate::gui::{text as wording, theme};
use crate::model::money::format_money;
use crate::model::{shares_warning, AllocationKey, Building, Invalid, UnitShare};
use crate::store::{Repo, StoreError};

/// Onglet des clés dans la fiche immeuble.
pub const TAB_KEYS: usize = 2;

/// Un lot de l'immeuble, tel que le tableau des tantièmes le montre.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnitLine {
    pub reference: String,
    pub nature: String,
    pub size: String,
    pub area: String,
    pub kind: String,
}

/// Champs d'une clé.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeyField {
    Code,
    Label,
    Order,
    Total,
}

impl KeyField {
    /// Clé du champ dans les messages de validation du modèle.
    fn key(self) -> &'static str {
        match self {
            KeyField::Code => "code",
            KeyField::Label => "libelle",
            KeyField::Order => "ordre",
            KeyField::Total => "total",
        }
    }

    /// Champ obligatoire (libellé en gras) ; l'ordre vide vaut 0.
    fn required(self) -> bool {
        self != KeyField::Order
    }

    fn label(self) -> &'static str {
        match self {
            KeyField::Code => wording::F_KEY_CODE,
            KeyField::Label => wording::F_KEY_LABEL,
            KeyField::Order => wording::F_KEY_ORDER,
            KeyField::Total => wording::F_KEY_TOTAL,
        }
    }
}

/// Ce qui est tapé pour une clé.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Typed {
    pub code: String,
    pub label: String,
    pub order: String,
    pub total: String,
    /// Tantièmes, un par lot de l'immeuble (même ordre que les lots) ; vide = aucun.
    pub shares: Vec<String>,
}

impl Typed {
    fn field(&self, field: KeyField) -> &str {
        match field {
            KeyField::Code => &self.code,
            KeyField::Label => &self.label,
            KeyField::Order => &self.order,
            KeyField::Total => &self.total,
        }
    }

    fn field_mut(&mut self, field: KeyField) -> &mut String {
        match field {
            KeyField::Code => &mut self.code,
            KeyField::Label => &mut self.label,
            KeyField::Order => &mut self.order,
            KeyField::Total => &mut self.total,
        }
    }
}

/// Une clé dans l'onglet : enregistrée (ses valeurs en base dans `original`) ou nouvelle.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeyDraft {
    pub typed: Typed,
    original: Option<Typed>,
    removed: bool,
    errors: BTreeMap<&'static str, String>,
    share_errors: BTreeMap<usize, String>,
    general: Vec<String>,
}

impl KeyDraft {
    fn new(typed: Typed, stored: bool) -> Self {
        KeyDraft {
            original: stored.then(|| typed.clone()),
            typed,
            removed: false,
            errors: BTreeMap::new(),
            share_errors: BTreeMap::new(),
            general: Vec::new(),
        }
    }

    /// Une clé enregistrée, ses tantièmes rangés dans l'ordre des lots.
    fn stored(key: &AllocationKey, units: &[UnitLine]) -> Self {
        let shares = units
            .iter()
            .map(|u| {
                key.shares
                    .iter()
                    .find(|s| s.unit == u.reference)
                    .map(|s| s.shares.to_string())
                    .unwrap_or_default()
            })
            .collect();
        KeyDraft::new(
            Typed {
                code: key.code.clone(),
                label: key.label.clone(),
                order: key.order.to_string(),
                total: key.total_shares.to_string(),
                shares,
            },
            true,
        )
    }

    /// La clé est enregistrée en base.
    pub fn is_stored(&self) -> bool {
        self.original.is_some()
    }

    /// La clé est marquée pour suppression.
    pub fn is_removed(&self) -> bool {
        self.removed
    }

    /// Code tel qu'en base (ce qui identifie une clé enregistrée).
    fn stored_code(&self) -> Option<&str> {
        self.original.as_ref().map(|o| o.code.as_str())
    }

    /// À écrire : nouvelle, ou enregistrée et modifiée (et pas à supprimer).
    fn to_write(&self) -> bool {
        !self.removed && self.original.as_ref() != Some(&self.typed)
    }

    /// Total tapé, s'il se lit.
    fn total(&self) -> Option<i64> {
        inputs::opt_number::<i64>(&self.typed.total).ok().flatten()
    }

    /// Somme des tantièmes tapés, si tous se lisent.
    fn sum(&self) -> Option<i64> {
        self.typed.shares.iter().try_fold(0i64, |sum, s| {
            let value = inputs::opt_number::<i64>(s).ok()?;
            Some(sum.saturating_add(value.unwrap_or(0)))
        })
    }

    /// Avertissement de la somme (fonction du modèle) sur ce qui est tapé.
    pub fn warning(&self) -> Option<String> {
        shares_warning(self.total()?, self.sum()?)
    }

    /// Erreur affichée sous un champ.
    pub fn error(&self, field: KeyField) -> Option<&str> {
        self.errors.get(field.key()).map(String::as_str)
    }

    /// Erreurs qui ne portent sur aucun champ (tantièmes, refus du store).
    pub fn general_errors(&self) -> &[String] {
        &self.general
    }

    fn has_errors(&self) -> bool {
        !self.errors.is_empty() || !self.share_errors.is_empty() || !self.general.is_empty()
    }

    fn clear_errors(&mut self) {
        self.errors.clear();
        self.share_errors.clear();
        self.general.clear();
    }

    /// Place les erreurs du modèle ou du store : sous leur champ, ou dans la clé.
    fn show(&mut self, errors: Vec<Invalid>) {
        for e in errors {
            match [
                KeyField::Code,
                KeyField::Label,
                KeyField::Order,
                KeyField::Total,
            ]
            .into_iter()
            .find(|f| f.key() == e.field)
            {
                Some(field) => {
                    let slot = self.errors.entry(field.key()).or_default();
                    if !slot.is_empty() {
                        slot.push_str(" ; ");
                    }
                    slot.push_str(&e.message);
                }
                None => self.general.push(e.message),
            }
        }
    }

    /// Lit la clé tapée et la valide (règles du modèle) ; les tantièmes illisibles sont
    /// signalés sur leur ligne.
    fn build(&mut self, building: &str, units: &[UnitLine]) -> Option<AllocationKey> {
        let mut errors = Vec::new();
        let order = match inputs::opt_number::<i64>(&self.typed.order) {
            Ok(order) => order.unwrap_or(0),
            Err(e) => {
                errors.push(Invalid::new("ordre", e));
                0
            }
        };
        let total = match inputs::opt_number::<i64>(&self.typed.total) {
            Ok(Some(total)) => total,
            Ok(None) => {
                errors.push(Invalid::new("total", wording::REQUIRED));
                0
            }
            Err(e) => {
                errors.push(Invalid::new("total", e));
                0
            }
        };
        let mut shares = Vec::new();
        for (row, (unit, typed)) in units.iter().zip(&self.typed.shares).enumerate() {
            match inputs::opt_number::<i64>(typed) {
                Ok(Some(value)) => shares.push(UnitShare {
                    unit: unit.reference.clone(),
                    shares: value,
                }),
                Ok(None) => {}
                Err(e) => {
                    self.share_errors.insert(row, e);
                }
            }
        }
        let key = AllocationKey {
            building: building.to_string(),
            code: self.typed.code.clone(),
            label: self.typed.label.clone(),
            order,
            total_shares: total,
            shares,
        }
        .with_defaults();
        let references: Vec<&str> = units.iter().map(|u| u.reference.as_str()).collect();
        if let Err(more) = key.validate(&references) {
            // Une valeur illisible a déjà son message : pas de second sur le même champ.
            for e in more {
                if !errors.iter().any(|x| x.field == e.field) {
                    errors.push(e);
                }
            }
        }
        if !self.share_errors.is_empty() {
            errors.push(Invalid::new("tantiemes", wording::KEY_NOT_A_NUMBER));
        }
        if errors.is_empty() {
            Some(key)
        } else {
            self.show(errors);
            None
        }
    }
}

/// Ce que l'utilisateur fait dans l'onglet.
#[derive(Debug, Clone)]
pub enum Message {
    /// « + Nouvelle clé ».
    New,
    /// Ouvre une clé de la liste.
    Open(usize),
    /// Ferme la clé ouverte (rien n'est perdu).
    Close,
    /// Retire une clé nouvelle ; marque une clé enregistrée pour suppression (ou la garde).
    Remove(usize),
    /// Saisie dans un champ de la clé ouverte.
    Input(KeyField, String),
    /// Tantièmes d'un lot (ligne) de la clé ouverte.
    Share(usize, String),
}

/// L'onglet : les lots de l'immeuble, ses clés, la clé ouverte.
#[derive(Debug, Clone, Default)]
pub struct Keys {
    building: Option<String>,
    units: Vec<UnitLine>,
    drafts: Vec<KeyDraft>,
    selected: Option<usize>,
}

impl Keys {
    /// Les clés de l'immeuble ouvert.
    pub fn drafts(&self) -> &[KeyDraft] {
        &self.drafts
    }

    /// Les lots de l'immeuble, dans l'ordre du tableau des tantièmes.
    pub fn units(&self) -> &[UnitLine] {
        &self.units
    }

    /// La clé ouverte.
    pub fn selected(&self) -> Option<&KeyDraft> {
        self.selected.and_then(|i| self.drafts.get(i))
    }

    fn selected_mut(&mut self) -> Option<&mut KeyDraft> {
        self.selected.and_then(|i| self.drafts.get_mut(i))
    }

    /// Ordre proposé pour une nouvelle clé : 0 pour la première, sinon le suivant.
    fn next_order(&self) -> i64 {
        self.drafts
            .iter()
            .filter_map(|d| inputs::opt_number::<i64>(&d.typed.order).ok().flatten())
            .max()
            .map_or(0, |max| max.saturating_add(1))
    }
}

/// Les lots d'un immeuble, par référence.
fn units_of(building: &str, data: &Data) -> Vec<UnitLine> {
    let mut units: Vec<UnitLine> = data
        .units
        .iter()
        .filter(|u| u.building == building)
        .map(|u| UnitLine {
            reference: u.reference.clone(),
            nature: u.nature.clone(),
            size: u.size.clone(),
            area: u
                .living_area
                .map(|a| wording::square_metres(&format_money(a)))
                .unwrap_or_default(),
            kind: u.kind.label().to_string(),
        })
        .collect();
    units.sort_by(|a, b| a.reference.cmp(&b.reference));
    units
}

impl Panel<Building> for Keys {
    type Message = Message;

    fn open(&mut self, record: Option<&Building>, data: &Data) {
        // Après un enregistrement, le code tapé est celui de la clé en base.
        let previous = self.selected().map(|d| d.typed.code.trim().to_string());
        let same = record.map(|b| &b.reference) == self.building.as_ref();
        self.building = record.map(|b| b.reference.clone());
        let Some(building) = record else {
            *self = Keys::default();
            return;
        };
        self.units = units_of(&building.reference, data);
        self.drafts = data
            .allocation_keys
            .iter()
            .filter(|k| k.building == building.reference)
            .map(|k| KeyDraft::stored(k, &self.units))
            .collect();
        // Relue après un enregistrement, la fiche garde sa clé ouverte ; sinon la première.
        let kept = previous
            .filter(|_| same)
            .and_then(|code| self.drafts.iter().position(|d| d.typed.code == code));
        self.selected = kept.or((!self.drafts.is_empty()).then_some(0));
    }

    fn update(&mut self, message: Message, form: &mut Form) {
        if self.building.is_none() {
            return;
        }
        match message {
            Message::New => {
                let typed = Typed {
                    order: self.next_order().to_string(),
                    shares: vec![String::new(); self.units.len()],
                    ..Typed::default()
                };
                self.drafts.push(KeyDraft::new(typed, false));
                self.selected = Some(self.drafts.len() - 1);
                form.touch();
            }
            Message::Open(i) => {
                if i < self.drafts.len() {
                    self.selected = Some(i);
                }
            }
            Message::Close => self.selected = None,
            Message::Remove(i) => {
                let Some(draft) = self.drafts.get_mut(i) else {
                    return;
                };
                if draft.is_stored() {
                    draft.removed = !draft.removed;
                    draft.clear_errors();
                } else {
                    self.drafts.remove(i);
                    self.selected = match self.selected {
                        Some(s) if s == i => None,
                        Some(s) if s > i => Some(s - 1),
                        other => other,
                    };
                }
                form.touch();
            }
            Message::Input(field, value) => {
                let Some(draft) = self.selected_mut() else {
                    return;
                };
                // Le code identifie une clé enregistrée : il ne change plus.
                if draft.removed || (field == KeyField::Code && draft.is_stored()) {
                    return;
                }
                *draft.typed.field_mut(field) = value;
                form.touch();
            }
            Message::Share(row, value) => {
                let Some(draft) = self.selected_mut() else {
                    return;
                };
                if draft.removed {
                    return;
                }
                if let Some(slot) = draft.typed.shares.get_mut(row) {
                    *slot = value;
                    draft.share_errors.remove(&row);
                    form.touch();
                }
            }
        }
    }

    fn view<'a>(&'a self, form: &'a Form) -> Option<Element<'a, Message>> {
        if form.tab() != TAB_KEYS {
            return None;
        }
        if form.reference().is_none() || self.building.is_none() {
            return Some(
                text(wording::KEYS_AFTER_SAVE)
                    .size(theme::TEXT_BODY)
                    .style(theme::muted_text)
                    .into(),
            );
        }
        let mut page = column![self.list_view()].spacing(theme::SPACE_L);
        if let Some(i) = self.selected {
            if let Some(draft) = self.drafts.get(i) {
                page = page.push(self.key_view(draft));
            }
        }
        Some(page.into())
    }

    fn check(&mut self) -> bool {
        let Some(building) = self.building.clone() else {
            return true;
        };
        let mut ok = true;
        let mut first_error = None;
        for (i, draft) in self.drafts.iter_mut().enumerate() {
            if draft.to_write() && draft.build(&building, &self.units).is_none() {
                ok = false;
                first_error = first_error.or(Some(i));
            }
        }
        if first_error.is_some() {
            self.selected = first_error;
        }
        ok
    }

    fn write(&self, reference: &str, repo: &Repo) -> Result<(), PanelRefusal> {
        if self.building.as_deref() != Some(reference) {
            return Ok(());
        }
        let refusal = |item: usize| move |error: StoreError| PanelRefusal { item, error };
        // Suppressions d'abord (un code libéré peut être repris), puis modifications et
        // ajouts.
        for (i, draft) in self.drafts.iter().enumerate() {
            if let (true, Some(code)) = (draft.removed, draft.stored_code()) {
                repo.delete_allocation_key(reference, code)
                    .map_err(refusal(i))?;
            }
        }
        for (i, draft) in self.drafts.iter().enumerate() {
            if !draft.to_write() {
                continue;
            }
            let mut draft = draft.clone();
            let Some(key) = draft.build(reference, &self.units) else {
                let errors = draft
                    .errors
                    .values()
                    .chain(&draft.general)
                    .map(|m| Invalid::new("cle", m.clone()))
                    .collect();
                return Err(PanelRefusal {
                    item: i,
                    error: StoreError::Invalid(errors),
                });
            };
            match draft.stored_code() {
                Some(code) => repo.update_allocation_key(code, &key),
                None => repo.insert_allocation_key(&key),
            }
            .map_err(refusal(i))?;
        }
        Ok(())
    }

    fn refused(&mut self, refusal: PanelRefusal) {
        let Some(draft) = self.drafts.get_mut(refusal.item) else {
            return;
        };
        match refusal.error {
            StoreError::Invalid(errors) => draft.show(errors),
            other => draft.general.push(other.to_string()),
        }
        self.selected = Some(refusal.item);
    }

    fn clear_errors(&mut self) {
        for draft in &mut self.drafts {
            draft.clear_errors();
        }
    }

    fn has_errors(&self) -> bool {
        self.drafts.iter().any(KeyDraft::has_errors)
    }

    fn error_tab(&self) -> Option<usize> {
        self.has_errors().then_some(TAB_KEYS)
    }
}

/// Cellule de texte d'un tableau, sur sa part de largeur.
fn cell<'a>(value: impl text::IntoFragment<'a>, width: u16) -> iced::widget::Text<'a> {
    text(value)
        .size(theme::TEXT_BODY)
        .width(Length::FillPortion(width))
        .wrapping(text::Wrapping::None)
}

/// En-tête d'un tableau.
fn header<'a, M: 'a>(cells: Vec<(&'a str, u16)>, actions: f32) -> Element<'a, M> {
    let line = row(cells.into_iter().map(|(label, width)| {
        cell(label, width)
            .size(theme::TEXT_SMALL)
            .font(theme::FONT_BOLD)
            .into()
    }))
    .push(Space::new().width(actions))
    .spacing(theme::SPACE_S);
    container(line)
        .padding(theme::SPACE_XS)
        .width(Length::Fill)
        .style(theme::table_header)
        .into()
}

/// Un champ de la clé ouverte : libellé (gras s'il est obligatoire), zone de saisie
/// (le code d'une clé enregistrée ne se modifie plus), message d'erreur.
fn key_field(draft: &KeyDraft, field: KeyField, live: bool) -> Element<'_, Message> {
    let editable = live && !(field == KeyField::Code && draft.is_stored());
    let on_input: Option<Box<dyn Fn(String) -> Message>> = editable
        .then(|| Box::new(move |s| Message::Input(field, s)) as Box<dyn Fn(String) -> Message>);
    let label = text(field.label()).size(theme::TEXT_BODY);
    let label = if field.required() {
        label.font(theme::FONT_BOLD)
    } else {
        label
    };
    let error = draft.error(field);
    let mut cell = column![row![
        container(label).width(theme::LABEL_WIDTH),
        inputs::text_field(
            "",
            draft.typed.field(field),
            error.is_some(),
            Length::Fixed(theme::INPUT_WIDTH),
            on_input,
        ),
    ]
    .align_y(Alignment::Center)]
    .spacing(2.0)
    .width(Length::Fill);
    if let Some(message) = error {
        cell = cell.push(row![
            Space::new().width(theme::LABEL_WIDTH),
            text(message)
                .size(theme::TEXT_SMALL)
                .style(theme::error_text)
                .width(Length::Fill)
        ]);
    }
    cell.into()
}

/// Largeur des boutons d'une ligne de la liste des clés.
const KEY_ACTIONS_WIDTH: f32 = 150.0;

impl Keys {
    /// La liste des clés : code, libellé, ordre, total, somme et contrôle.
    fn list_view(&self) -> Element<'_, Message> {
        let mut lines = Column::new().spacing(2.0).push(header(
            vec![
                (wording::COL_KEY_CODE, 2),
                (wording::COL_KEY_LABEL, 5),
                (wording::COL_KEY_ORDER, 1),
                (wording::COL_KEY_TOTAL, 2),
                (wording::COL_KEY_SUM, 3),
                (wording::COL_KEY_CHECK, 6),
            ],
            KEY_ACTIONS_WIDTH,
        ));
        if self.drafts.is_empty() {
            lines = lines.push(
                text(wording::NO_KEY)
                    .size(theme::TEXT_SMALL)
                    .style(theme::muted_text),
            );
        }
        for (i, draft) in self.drafts.iter().enumerate() {
            lines = lines.push(self.key_line(i, draft));
            if draft.removed {
                lines = lines.push(
                    text(wording::KEY_WILL_BE_DELETED)
                        .size(theme::TEXT_SMALL)
                        .style(theme::error_text),
                );
            }
        }
        column![
            row![
                text(wording::KEYS_TITLE)
                    .font(theme::FONT_BOLD)
                    .size(theme::TEXT_BODY),
                text(wording::keys_of_building(self.drafts.len()))
                    .size(theme::TEXT_SMALL)
                    .style(theme::muted_text),
                Space::new().width(Length::Fill),
                tool_button(
                    wording::NEW_KEY,
                    Some(Message::New),
                    theme::secondary_button
                ),
            ]
            .spacing(theme::SPACE_M)
            .align_y(Alignment::Center),
            lines,
            text(wording::KEYS_HINT)
                .size(theme::TEXT_SMALL)
                .style(theme::muted_text),
        ]
        .spacing(theme::SPACE_S)
        .into()
    }

    /// Une ligne de la liste des clés.
    fn key_line<'a>(&'a self, i: usize, draft: &'a KeyDraft) -> Element<'a, Message> {
        let number = |value: Option<i64>| {
            value.map_or(wording::KEY_UNREADABLE.to_string(), |v| v.to_string())
        };
        let check: Element<'a, Message> = match (draft.total(), draft.sum()) {
            (Some(total), Some(sum)) => match shares_warning(total, sum) {
                Some(w) => cell(wording::warning(&w), 6)
                    .size(theme::TEXT_SMALL)
                    .wrapping(text::Wrapping::Word)
                    .style(theme::warning_text)
                    .into(),
                None => cell(wording::KEY_BALANCED, 6)
                    .style(theme::success_text)
                    .into(),
            },
            _ => cell(wording::KEY_NOT_A_NUMBER, 6)
                .style(theme::error_text)
                .into(),
        };
        let (remove_label, remove_style): (
            &str,
            fn(&iced::Theme, button::Status) -> button::Style,
        ) = if draft.removed {
            (wording::RESTORE_ROW, theme::secondary_button)
        } else {
            (wording::REMOVE_ROW, theme::danger_button)
        };
        let line = row![
            cell(draft.typed.code.as_str(), 2).font(theme::FONT_BOLD),
            cell(draft.typed.label.as_str(), 5),
            cell(draft.typed.order.as_str(), 1),
            cell(draft.typed.total.as_str(), 2),
            cell(number(draft.sum()), 3),
            check,
            row![
                tool_button(
                    wording::OPEN_KEY,
                    Some(Message::Open(i)),
                    theme::secondary_button
                ),
                tool_button(remove_label, Some(Message::Remove(i)), remove_style),
            ]
            .spacing(theme::SPACE_XS)
            .width(KEY_ACTIONS_WIDTH),
        ]
        .spacing(theme::SPACE_S)
        .align_y(Alignment::Center);
        container(line)
            .padding([theme::SPACE_XS, theme::SPACE_XS])
            .width(Length::Fill)
            .style(theme::table_line(i, self.selected == Some(i), false))
            .into()
    }

    /// La clé ouverte : ses champs, le contrôle de la somme et les tantièmes des lots.
    fn key_view<'a>(&'a self, draft: &'a KeyDraft) -> Element<'a, Message> {
        let live = !draft.removed;
        let title = if draft.is_stored() {
            wording::key_title(draft.stored_code().unwrap_or_default(), &draft.typed.label)
        } else {
            wording::NEW_KEY_TITLE.to_string()
        };
        let mut page = Column::new().spacing(theme::SPACE_M).push(
            row![
                text(title).font(theme::FONT_BOLD).size(theme::TEXT_BODY),
                Space::new().width(Length::Fill),
                tool_button(
                    wording::CLOSE_KEY,
                    Some(Message::Close),
                    theme::secondary_button
                ),
            ]
            .align_y(Alignment::Center),
        );
        if !draft.general.is_empty() {
            page = page.push(form::banner(draft.general.join("\n"), theme::error_banner));
        }
        let field = |f| key_field(draft, f, live);
        page = page
            .push(row![field(KeyField::Code), field(KeyField::Label)].spacing(theme::SPACE_XL))
            .push(row![field(KeyField::Order), field(KeyField::Total)].spacing(theme::SPACE_XL));
        match (draft.total(), draft.sum(), draft.warning()) {
            (_, _, Some(w)) => {
                page = page.push(form::banner(wording::warning(&w), theme::warning_banner))
            }
            (Some(total), Some(_), None) => {
                page = page.push(form::banner(
                    wording::keys_balanced(total),
                    theme::info_banner,
                ))
            }
            _ => {}
        }
        page.push(self.shares_view(draft, live)).into()
    }

    /// Le tableau des tantièmes : une ligne par lot de l'immeuble.
    fn shares_view<'a>(&'a self, draft: &'a KeyDraft, live: bool) -> Element<'a, Message> {
        if self.units.is_empty() {
            return text(wording::NO_UNIT_FOR_SHARES)
                .size(theme::TEXT_BODY)
                .style(theme::muted_text)
                .into();
        }
        let mut lines = Column::new().spacing(2.0).push(header(
            vec![
                (wording::COL_REFERENCE, 3),
                (wording::COL_NATURE, 3),
                (wording::COL_SIZE, 2),
                (wording::COL_AREA, 2),
                (wording::COL_KIND, 2),
                (wording::COL_SHARES, 2),
            ],
            0.0,
        ));
        for (r, unit) in self.units.iter().enumerate() {
            let typed = draft.typed.shares.get(r).map_or("", String::as_str);
            let invalid =
                draft.share_errors.contains_key(&r) || inputs::opt_number::<i64>(typed).is_err();
            let on_input: Option<Box<dyn Fn(String) -> Message + 'a>> = live.then(|| {
                Box::new(move |s| Message::Share(r, s)) as Box<dyn Fn(String) -> Message + 'a>
            });
            lines = lines.push(
                container(
                    row![
                        cell(unit.reference.as_str(), 3),
                        cell(unit.nature.as_str(), 3),
                        cell(unit.size.as_str(), 2),
                        cell(unit.area.as_str(), 2),
                        cell(unit.kind.as_str(), 2),
                        container(inputs::cell(CellKind::Amount, typed, invalid, on_input))
                            .width(Length::FillPortion(2)),
                    ]
                    .spacing(theme::SPACE_S)
                    .align_y(Alignment::Center),
                )
                .padding([2.0, theme::SPACE_XS])
                .style(theme::table_line(r, false, false)),
            );
            if let Some(message) = draft.share_errors.get(&r) {
                lines = lines.push(
                    text(format!("{} : {message}", unit.reference))
                        .size(theme::TEXT_SMALL)
                        .style(theme::error_text),
                );
            }
        }
        let sum = draft
            .sum()
            .map_or(wording::KEY_UNREADABLE.to_string(), |s| s.to_string());
        lines = lines.push(
            container(
                row![
                    cell(wording::SHARES_SUM, 12).font(theme::FONT_BOLD),
                    text(sum)
                        .size(theme::TEXT_BODY)
                        .font(theme::FONT_BOLD)
                        .width(Length::FillPortion(2))
                        .align_x(iced::alignment::Horizontal::Right),
                ]
                .spacing(theme::SPACE_S),
            )
            .padding([theme::SPACE_XS, theme::SPACE_S])
            .style(theme::total_line),
        );
        lines.into()
    }
}
