//! Lecture des valeurs tapées dans un formulaire ou une ligne de détail : texte, case,
//! date, montant, nombre, code d'une liste du modèle.

use chrono::NaiveDate;

use super::{Field, Kind, Value, NONE};
use crate::gui::text as wording;
use crate::gui::widget::inputs;
use crate::model::{Invalid, Money};

/// Lecture des valeurs tapées : chaque valeur illisible devient une erreur sur son champ,
/// et la lecture continue pour tout signaler d'un coup.
pub struct Reader<'a> {
    pub(super) fields: &'a [Field],
    pub(super) values: &'a [Value],
    pub(super) errors: Vec<Invalid>,
}

impl<'a> Reader<'a> {
    fn value(&self, key: &str) -> Option<&'a Value> {
        let values = self.values;
        self.fields
            .iter()
            .position(|f| f.key == key)
            .and_then(|i| values.get(i))
    }

    /// Texte du champ, sans espaces autour (« — » = vide).
    pub fn text(&self, key: &str) -> String {
        match self.value(key) {
            Some(Value::Text(t)) if t.trim() != NONE => t.trim().to_string(),
            _ => String::new(),
        }
    }

    /// Texte facultatif : vide → `None`.
    pub fn opt_text(&self, key: &str) -> Option<String> {
        Some(self.text(key)).filter(|t| !t.is_empty())
    }

    pub fn flag(&self, key: &str) -> bool {
        matches!(self.value(key), Some(Value::Flag(true)))
    }

    /// Signale une erreur sur un champ.
    pub fn fail(&mut self, key: &'static str, message: impl Into<String>) {
        self.errors.push(Invalid::new(key, message));
    }

    fn read<T>(
        &mut self,
        key: &'static str,
        parse: impl Fn(&str) -> Result<T, String>,
    ) -> Option<T> {
        match parse(&self.text(key)) {
            Ok(v) => Some(v),
            Err(m) => {
                self.fail(key, m);
                None
            }
        }
    }

    pub fn date(&mut self, key: &'static str) -> Option<NaiveDate> {
        self.read(key, inputs::date)
    }

    pub fn opt_date(&mut self, key: &'static str) -> Option<NaiveDate> {
        self.read(key, inputs::opt_date).flatten()
    }

    pub fn money(&mut self, key: &'static str) -> Option<Money> {
        self.read(key, inputs::money)
    }

    /// Montant qui vaut zéro quand il est vide.
    pub fn money_or_zero(&mut self, key: &'static str) -> Money {
        self.read(key, inputs::money_or_zero).unwrap_or_default()
    }

    pub fn opt_money(&mut self, key: &'static str) -> Option<Money> {
        self.read(key, inputs::opt_money).flatten()
    }

    pub fn opt_number<T: std::str::FromStr>(&mut self, key: &'static str) -> Option<T> {
        self.read(key, inputs::opt_number::<T>).flatten()
    }

    /// Nombre entier obligatoire.
    pub fn number<T: std::str::FromStr>(&mut self, key: &'static str) -> Option<T> {
        let value = self.opt_number::<T>(key);
        if value.is_none() && !self.errors.iter().any(|e| e.field == key) {
            self.fail(key, wording::REQUIRED);
        }
        value
    }

    /// Code d'une liste du modèle (libellé affiché ou code).
    pub fn code<T>(
        &mut self,
        key: &'static str,
        parse: fn(&str) -> Result<T, String>,
    ) -> Option<T> {
        self.read(key, |t| {
            if t.is_empty() {
                Err(wording::REQUIRED.to_string())
            } else {
                parse(t)
            }
        })
    }

    pub fn opt_code<T>(
        &mut self,
        key: &'static str,
        parse: fn(&str) -> Result<T, String>,
    ) -> Option<T> {
        self.read(key, |t| {
            if t.is_empty() {
                Ok(None)
            } else {
                parse(t).map(Some)
            }
        })
        .flatten()
    }

    /// Signale chaque champ de recherche dont le texte tapé n'est la référence d'aucune
    /// fiche (« locataire « XYZ » introuvable »), comme un champ obligatoire vide.
    fn check_references(&mut self) {
        for (field, value) in self.fields.iter().zip(self.values) {
            let Kind::Search(choices) = &field.kind else {
                continue;
            };
            let typed = match value {
                Value::Text(t) if t.trim() != NONE => t.trim(),
                _ => continue,
            };
            let flagged = self.errors.iter().any(|e| e.field == field.key);
            if !typed.is_empty() && choices.find(typed).is_none() && !flagged {
                self.fail(field.key, wording::reference_not_found(field.label, typed));
            }
        }
    }

    /// Erreurs de lecture (dont les références introuvables), puis celles de la
    /// validation du modèle (sauf sur les champs déjà signalés, où la valeur de
    /// remplacement n'a pas de sens).
    pub fn finish(mut self, validation: Result<(), Vec<Invalid>>) -> Result<(), Vec<Invalid>> {
        self.check_references();
        let mut errors = self.errors;
        if let Err(more) = validation {
            for e in more {
                if !errors.iter().any(|x| x.field == e.field) {
                    errors.push(e);
                }
            }
        }
        if errors.is_empty() {
            Ok(())
        } else {
            Err(errors)
        }
    }

    /// Erreurs de lecture seules.
    pub fn errors(&self) -> &[Invalid] {
        &self.errors
    }
}
