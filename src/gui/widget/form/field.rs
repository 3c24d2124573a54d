//! Les champs d'un formulaire (et les colonnes d'un tableau de détail) : leur nature —
//! texte, date, montant, nombre, case, liste de choix, recherche, lecture seule, texte
//! sur plusieurs lignes —, leurs options, et leurs valeurs.

use std::sync::Arc;

use super::NONE;
use crate::gui::widget::picker::Choices;

/// Nature d'un champ.
#[derive(Debug, Clone, PartialEq)]
pub enum Kind {
    Text,
    Date,
    Amount,
    Number,
    Check,
    /// Liste de choix (libellés affichés ; `NONE` pour un choix facultatif) : pour les
    /// catalogues, courts.
    Choice(Vec<String>),
    /// Référence d'une fiche parmi des milliers (lot, locataire, tiers, location) : la
    /// valeur est le texte tapé, et les fiches dont la référence ou le libellé le
    /// contiennent sont proposées dessous (voir `widget::picker`).
    Search(Arc<Choices>),
    /// Valeur calculée, jamais saisie.
    ReadOnly,
    /// Texte libre sur plusieurs lignes (notes), sur toute la largeur de l'onglet.
    MultiLine,
}

/// Un champ du formulaire (ou une colonne d'un tableau de détail).
#[derive(Debug, Clone, PartialEq)]
pub struct Field {
    /// Clé du champ : celle des messages de validation du modèle (`Invalid::field`).
    pub key: &'static str,
    pub label: &'static str,
    pub required: bool,
    pub kind: Kind,
    /// Onglet du champ.
    pub tab: usize,
    /// Part de la largeur dans un tableau de détail.
    pub width: u16,
    /// Identité de la fiche (référence, rubrique et début d'une rubrique de location) :
    /// saisie à la création, jamais modifiée ensuite.
    pub fixed: bool,
}

impl Field {
    fn new(key: &'static str, label: &'static str, kind: Kind) -> Self {
        Field {
            key,
            label,
            required: false,
            kind,
            tab: 0,
            width: 2,
            fixed: false,
        }
    }

    pub fn text(key: &'static str, label: &'static str) -> Self {
        Field::new(key, label, Kind::Text)
    }

    pub fn date(key: &'static str, label: &'static str) -> Self {
        Field::new(key, label, Kind::Date)
    }

    pub fn amount(key: &'static str, label: &'static str) -> Self {
        Field::new(key, label, Kind::Amount)
    }

    pub fn number(key: &'static str, label: &'static str) -> Self {
        Field::new(key, label, Kind::Number)
    }

    pub fn check(key: &'static str, label: &'static str) -> Self {
        Field {
            width: 1,
            ..Field::new(key, label, Kind::Check)
        }
    }

    /// Liste de choix ; facultative, elle commence par « — ».
    pub fn choice(
        key: &'static str,
        label: &'static str,
        options: impl IntoIterator<Item = String>,
        optional: bool,
    ) -> Self {
        let mut all: Vec<String> = Vec::new();
        if optional {
            all.push(NONE.to_string());
        }
        all.extend(options);
        Field::new(key, label, Kind::Choice(all))
    }

    /// Référence d'une fiche cherchée en tapant parmi `choices` ; vide, aucune fiche.
    pub fn search(key: &'static str, label: &'static str, choices: Arc<Choices>) -> Self {
        Field::new(key, label, Kind::Search(choices))
    }

    /// Liste de choix des libellés d'une liste de codes du modèle.
    pub fn labels(key: &'static str, label: &'static str, labels: &[&'static str]) -> Self {
        Field::choice(key, label, labels.iter().map(|l| l.to_string()), false)
    }

    pub fn read_only(key: &'static str, label: &'static str) -> Self {
        Field::new(key, label, Kind::ReadOnly)
    }

    /// Texte libre sur plusieurs lignes (éditeur de texte).
    pub fn multi_line(key: &'static str, label: &'static str) -> Self {
        Field::new(key, label, Kind::MultiLine)
    }

    pub fn required(mut self) -> Self {
        self.required = true;
        self
    }

    pub fn tab(mut self, tab: usize) -> Self {
        self.tab = tab;
        self
    }

    pub fn width(mut self, width: u16) -> Self {
        self.width = width;
        self
    }

    /// Champ d'identité : modifiable sur une fiche (ou une ligne) pas encore enregistrée
    /// seulement.
    pub fn fixed(mut self) -> Self {
        self.fixed = true;
        self
    }

    pub(super) fn empty_value(&self) -> Value {
        match self.kind {
            Kind::Check => Value::Flag(false),
            Kind::Choice(ref options) if options.first().is_some_and(|o| o == NONE) => {
                Value::Text(NONE.to_string())
            }
            Kind::Choice(ref options) => Value::Text(options.first().cloned().unwrap_or_default()),
            _ => Value::Text(String::new()),
        }
    }
}

/// Valeur d'un champ : le texte tapé, ou une case à cocher.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Value {
    Text(String),
    Flag(bool),
}

impl Value {
    pub(super) fn as_text(&self) -> &str {
        match self {
            Value::Text(t) => t,
            Value::Flag(_) => "",
        }
    }
}

/// Le texte montré d'une valeur : rien pour « aucun » (`NONE`).
pub(super) fn shown(value: &Value) -> &str {
    match value.as_text() {
        NONE => "",
        t => t,
    }
}
