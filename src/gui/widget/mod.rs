//! Les petits widgets de l'application.

pub mod table;

/// L'élément d'interface de l'application (thème et rendu par défaut d'iced).
pub type Element<'a, Message> = iced::Element<'a, Message>;
