//! L'apparence : une palette, une échelle d'espacements, une police. Les écrans ne
//! portent aucune couleur en dur : ils appellent les styles d'ici.

use iced::font::Weight;
use iced::theme::Palette;
use iced::widget::{button, container, text, text_editor, text_input};
use iced::{border, Background, Border, Color, Font, Theme};

// Police : DejaVu Sans, livrée dans assets/fonts/ (licence dans LICENSE-DejaVu.txt), pour
// que le texte s'affiche même sur une machine sans polices système.
pub const FONT_REGULAR_BYTES: &[u8] = include_bytes!("../../assets/fonts/DejaVuSans.ttf");
pub const FONT_BOLD_BYTES: &[u8] = include_bytes!("../../assets/fonts/DejaVuSans-Bold.ttf");
pub const FONT: Font = Font::with_name("DejaVu Sans");
pub const FONT_BOLD: Font = Font {
    weight: Weight::Bold,
    ..FONT
};

// Tailles de texte.
pub const TEXT_SMALL: f32 = 12.0;
pub const TEXT_BODY: f32 = 14.0;
pub const TEXT_TITLE: f32 = 22.0;

// Espacements.
pub const SPACE_XS: f32 = 4.0;
pub const SPACE_S: f32 = 8.0;
pub const SPACE_M: f32 = 12.0;
pub const SPACE_L: f32 = 16.0;
pub const SPACE_XL: f32 = 24.0;

// Dimensions.
/// Taille de la fenêtre à l'ouverture.
pub const WINDOW_WIDTH: f32 = 1280.0;
pub const WINDOW_HEIGHT: f32 = 800.0;
pub const SIDEBAR_WIDTH: f32 = 232.0;
/// Largeur d'une liste dans la fenêtre à sa taille d'ouverture (sans la barre latérale ni
/// la marge de la zone de travail).
pub const LIST_WIDTH: f32 = WINDOW_WIDTH - SIDEBAR_WIDTH - 2.0 * SPACE_XL;
pub const ROW_HEIGHT: f32 = 30.0;
pub const HEADER_HEIGHT: f32 = 34.0;
pub const FILTER_WIDTH: f32 = 360.0;
pub const RADIUS: f32 = 4.0;

// Palette.
const BACKGROUND: Color = Color::from_rgb8(0xF4, 0xF5, 0xF7);
const SURFACE: Color = Color::WHITE;
const TEXT: Color = Color::from_rgb8(0x1D, 0x23, 0x2B);
const MUTED: Color = Color::from_rgb8(0x5F, 0x6B, 0x7A);
const PRIMARY: Color = Color::from_rgb8(0x23, 0x5E, 0x9C);
const SUCCESS: Color = Color::from_rgb8(0x2F, 0x85, 0x5A);
const WARNING: Color = Color::from_rgb8(0xB7, 0x79, 0x1F);
const DANGER: Color = Color::from_rgb8(0xC5, 0x30, 0x30);
const BORDER: Color = Color::from_rgb8(0xD9, 0xDD, 0xE3);
const SIDEBAR: Color = Color::from_rgb8(0x1F, 0x3A, 0x5F);
const SIDEBAR_TEXT: Color = Color::from_rgb8(0xE6, 0xEC, 0xF3);
const SIDEBAR_HOVER: Color = Color::from_rgb8(0x2A, 0x4B, 0x78);
const SIDEBAR_ACTIVE: Color = Color::from_rgb8(0x35, 0x5F, 0x97);
const HEADER: Color = Color::from_rgb8(0xE6, 0xEB, 0xF1);
const HEADER_HOVER: Color = Color::from_rgb8(0xD6, 0xDF, 0xEA);
const ROW_ALTERNATE: Color = Color::from_rgb8(0xF7, 0xF9, 0xFB);
const ROW_HOVER: Color = Color::from_rgb8(0xEA, 0xF1, 0xF9);
const ROW_SELECTED: Color = Color::from_rgb8(0xD3, 0xE3, 0xF5);
const STATUS: Color = Color::from_rgb8(0xE6, 0xEB, 0xF1);

/// Le thème iced de l'application (clair).
pub fn theme() -> Theme {
    Theme::custom(
        "Abri",
        Palette {
            background: BACKGROUND,
            text: TEXT,
            primary: PRIMARY,
            success: SUCCESS,
            warning: WARNING,
            danger: DANGER,
        },
    )
}

/// Couleur des textes secondaires (comptes, barre d'état).
pub fn muted_text(_theme: &Theme) -> text::Style {
    text::Style { color: Some(MUTED) }
}

/// Fond de la zone de travail.
pub fn page(_theme: &Theme) -> container::Style {
    container::Style {
        background: Some(BACKGROUND.into()),
        text_color: Some(TEXT),
        ..container::Style::default()
    }
}

/// Barre latérale des fenêtres.
pub fn sidebar(_theme: &Theme) -> container::Style {
    container::Style {
        background: Some(SIDEBAR.into()),
        text_color: Some(SIDEBAR_TEXT),
        ..container::Style::default()
    }
}

/// Entrée de la barre latérale ; `active` pour la fenêtre ouverte.
pub fn sidebar_item(active: bool) -> impl Fn(&Theme, button::Status) -> button::Style {
    move |_theme, status| {
        let background = match (active, status) {
            (true, _) => Some(Background::Color(SIDEBAR_ACTIVE)),
            (false, button::Status::Hovered | button::Status::Pressed) => {
                Some(Background::Color(SIDEBAR_HOVER))
            }
            (false, _) => None,
        };
        button::Style {
            background,
            text_color: if active { Color::WHITE } else { SIDEBAR_TEXT },
            border: border::rounded(RADIUS),
            ..button::Style::default()
        }
    }
}

/// Barre d'état en bas de la fenêtre.
pub fn status_bar(_theme: &Theme) -> container::Style {
    container::Style {
        background: Some(STATUS.into()),
        text_color: Some(MUTED),
        border: Border {
            color: BORDER,
            width: 1.0,
            radius: 0.0.into(),
        },
        ..container::Style::default()
    }
}

/// Cadre du tableau.
pub fn table_frame(_theme: &Theme) -> container::Style {
    container::Style {
        background: Some(SURFACE.into()),
        text_color: Some(TEXT),
        border: Border {
            color: BORDER,
            width: 1.0,
            radius: RADIUS.into(),
        },
        ..container::Style::default()
    }
}

/// Ligne d'en-tête du tableau.
pub fn table_header(_theme: &Theme) -> container::Style {
    container::Style {
        background: Some(HEADER.into()),
        text_color: Some(TEXT),
        ..container::Style::default()
    }
}

/// Titre de colonne cliquable (tri).
pub fn header_cell(_theme: &Theme, status: button::Status) -> button::Style {
    let background = match status {
        button::Status::Hovered | button::Status::Pressed => Some(Background::Color(HEADER_HOVER)),
        _ => None,
    };
    button::Style {
        background,
        text_color: TEXT,
        ..button::Style::default()
    }
}

/// Ligne du tableau : une ligne sur deux légèrement teintée, la ligne choisie en bleu.
pub fn table_row(index: usize, selected: bool) -> impl Fn(&Theme, button::Status) -> button::Style {
    move |_theme, status| {
        let colour = match (selected, status) {
            (true, _) => ROW_SELECTED,
            (false, button::Status::Hovered | button::Status::Pressed) => ROW_HOVER,
            (false, _) if index % 2 == 1 => ROW_ALTERNATE,
            (false, _) => SURFACE,
        };
        button::Style {
            background: Some(Background::Color(colour)),
            text_color: TEXT,
            ..button::Style::default()
        }
    }
}

/// Zone de saisie du filtre.
pub fn filter_input(theme: &Theme, status: text_input::Status) -> text_input::Style {
    let base = text_input::default(theme, status);
    let border_colour = match status {
        text_input::Status::Focused { .. } => PRIMARY,
        _ => BORDER,
    };
    text_input::Style {
        background: Background::Color(SURFACE),
        border: Border {
            color: border_colour,
            width: 1.0,
            radius: RADIUS.into(),
        },
        ..base
    }
}

// Formulaires, boutons, onglets, boîtes de dialogue.
pub const LABEL_WIDTH: f32 = 190.0;
pub const INPUT_WIDTH: f32 = 260.0;
pub const DIALOG_WIDTH: f32 = 560.0;
/// Hauteur minimale d'un champ de notes.
pub const NOTES_HEIGHT: f32 = 320.0;

/// Ligne du tableau sans bouton (la zone cliquable est autour) : même teinte que
/// `table_row`, survol compris.
pub fn table_line(
    index: usize,
    selected: bool,
    hovered: bool,
) -> impl Fn(&Theme) -> container::Style {
    move |_theme| {
        let colour = match (selected, hovered) {
            (true, _) => ROW_SELECTED,
            (false, true) => ROW_HOVER,
            (false, false) if index % 2 == 1 => ROW_ALTERNATE,
            (false, false) => SURFACE,
        };
        container::Style {
            background: Some(colour.into()),
            text_color: Some(TEXT),
            ..container::Style::default()
        }
    }
}

/// Texte d'erreur (messages de validation sous les champs).
pub fn error_text(_theme: &Theme) -> text::Style {
    text::Style {
        color: Some(DANGER),
    }
}

/// Texte d'avertissement (somme des tantièmes différente du total…).
pub fn warning_text(_theme: &Theme) -> text::Style {
    text::Style {
        color: Some(WARNING),
    }
}

/// Texte de réussite (« fiche enregistrée »).
pub fn success_text(_theme: &Theme) -> text::Style {
    text::Style {
        color: Some(SUCCESS),
    }
}

/// Zone de saisie d'un formulaire ; `invalid` l'encadre en rouge.
pub fn field_input(invalid: bool) -> impl Fn(&Theme, text_input::Status) -> text_input::Style {
    move |theme, status| {
        let base = text_input::default(theme, status);
        let border_colour = match (invalid, status) {
            (true, _) => DANGER,
            (false, text_input::Status::Focused { .. }) => PRIMARY,
            _ => BORDER,
        };
        let background = match status {
            text_input::Status::Disabled => BACKGROUND,
            _ => SURFACE,
        };
        text_input::Style {
            background: Background::Color(background),
            border: Border {
                color: border_colour,
                width: if invalid { 1.5 } else { 1.0 },
                radius: RADIUS.into(),
            },
            value: TEXT,
            ..base
        }
    }
}

/// Zone de texte sur plusieurs lignes (notes) : bordure claire comme les autres zones,
/// bleue quand elle a le curseur.
pub fn text_area(theme: &Theme, status: text_editor::Status) -> text_editor::Style {
    let base = text_editor::default(theme, status);
    let border_colour = match status {
        text_editor::Status::Focused { .. } => PRIMARY,
        _ => BORDER,
    };
    text_editor::Style {
        background: Background::Color(SURFACE),
        border: Border {
            color: border_colour,
            width: 1.0,
            radius: RADIUS.into(),
        },
        value: TEXT,
        ..base
    }
}

/// Carte blanche d'un formulaire ou d'un panneau.
pub fn card(_theme: &Theme) -> container::Style {
    container::Style {
        background: Some(SURFACE.into()),
        text_color: Some(TEXT),
        border: Border {
            color: BORDER,
            width: 1.0,
            radius: RADIUS.into(),
        },
        ..container::Style::default()
    }
}

/// Bandeau d'erreur au-dessus d'un formulaire.
pub fn error_banner(_theme: &Theme) -> container::Style {
    container::Style {
        background: Some(Color::from_rgb8(0xFD, 0xEC, 0xEC).into()),
        text_color: Some(DANGER),
        border: Border {
            color: DANGER,
            width: 1.0,
            radius: RADIUS.into(),
        },
        ..container::Style::default()
    }
}

/// Bandeau d'information (enregistrement réussi, traitement terminé).
pub fn info_banner(_theme: &Theme) -> container::Style {
    container::Style {
        background: Some(Color::from_rgb8(0xE8, 0xF5, 0xEE).into()),
        text_color: Some(SUCCESS),
        border: Border {
            color: SUCCESS,
            width: 1.0,
            radius: RADIUS.into(),
        },
        ..container::Style::default()
    }
}

/// Bandeau d'avertissement (verrou, consultation seule).
pub fn warning_banner(_theme: &Theme) -> container::Style {
    container::Style {
        background: Some(Color::from_rgb8(0xFD, 0xF6, 0xE3).into()),
        text_color: Some(WARNING),
        border: Border {
            color: WARNING,
            width: 1.0,
            radius: RADIUS.into(),
        },
        ..container::Style::default()
    }
}

/// Bouton d'action principal (enregistrer, appliquer).
pub fn primary_button(_theme: &Theme, status: button::Status) -> button::Style {
    let background = match status {
        button::Status::Hovered | button::Status::Pressed => Color::from_rgb8(0x1B, 0x4C, 0x80),
        button::Status::Disabled => Color::from_rgb8(0x9F, 0xB4, 0xCC),
        button::Status::Active => PRIMARY,
    };
    button::Style {
        background: Some(background.into()),
        text_color: Color::WHITE,
        border: border::rounded(RADIUS),
        ..button::Style::default()
    }
}

/// Bouton secondaire (nouveau, retour, exporter).
pub fn secondary_button(_theme: &Theme, status: button::Status) -> button::Style {
    let (background, text_color) = match status {
        button::Status::Hovered | button::Status::Pressed => (HEADER_HOVER, TEXT),
        button::Status::Disabled => (BACKGROUND, MUTED),
        button::Status::Active => (SURFACE, TEXT),
    };
    button::Style {
        background: Some(background.into()),
        text_color,
        border: Border {
            color: BORDER,
            width: 1.0,
            radius: RADIUS.into(),
        },
        ..button::Style::default()
    }
}

/// Bouton de suppression.
pub fn danger_button(_theme: &Theme, status: button::Status) -> button::Style {
    let (background, text_color) = match status {
        button::Status::Hovered | button::Status::Pressed => (DANGER, Color::WHITE),
        button::Status::Disabled => (BACKGROUND, MUTED),
        button::Status::Active => (SURFACE, DANGER),
    };
    button::Style {
        background: Some(background.into()),
        text_color,
        border: Border {
            color: if matches!(status, button::Status::Disabled) {
                BORDER
            } else {
                DANGER
            },
            width: 1.0,
            radius: RADIUS.into(),
        },
        ..button::Style::default()
    }
}

/// Onglet d'un formulaire ; `active` pour l'onglet affiché.
pub fn tab(active: bool) -> impl Fn(&Theme, button::Status) -> button::Style {
    move |_theme, status| {
        let background = match (active, status) {
            (true, _) => SURFACE,
            (false, button::Status::Hovered | button::Status::Pressed) => HEADER_HOVER,
            (false, _) => HEADER,
        };
        button::Style {
            background: Some(background.into()),
            text_color: if active { PRIMARY } else { TEXT },
            border: Border {
                color: BORDER,
                width: 1.0,
                radius: border::Radius {
                    top_left: RADIUS,
                    top_right: RADIUS,
                    bottom_right: 0.0,
                    bottom_left: 0.0,
                },
            },
            ..button::Style::default()
        }
    }
}

/// Titre de section de la barre latérale.
pub fn sidebar_section(_theme: &Theme) -> text::Style {
    text::Style {
        color: Some(Color::from_rgb8(0x9F, 0xB4, 0xCC)),
    }
}

/// Voile derrière une boîte de dialogue.
pub fn backdrop(_theme: &Theme) -> container::Style {
    container::Style {
        background: Some(Color::from_rgba8(0x10, 0x18, 0x24, 0.45).into()),
        ..container::Style::default()
    }
}

/// Boîte de dialogue.
pub fn dialog(_theme: &Theme) -> container::Style {
    container::Style {
        background: Some(SURFACE.into()),
        text_color: Some(TEXT),
        border: Border {
            color: BORDER,
            width: 1.0,
            radius: (2.0 * RADIUS).into(),
        },
        shadow: iced::Shadow {
            color: Color::from_rgba8(0, 0, 0, 0.25),
            offset: iced::Vector::new(0.0, 4.0),
            blur_radius: 16.0,
        },
        ..container::Style::default()
    }
}

/// Ligne de total (balance, situation).
pub fn total_line(_theme: &Theme) -> container::Style {
    container::Style {
        background: Some(HEADER.into()),
        text_color: Some(TEXT),
        ..container::Style::default()
    }
}

/// Barre de menus, en haut de la fenêtre.
pub fn menu_bar(_theme: &Theme) -> container::Style {
    container::Style {
        background: Some(SURFACE.into()),
        text_color: Some(TEXT),
        border: Border {
            color: BORDER,
            width: 1.0,
            radius: 0.0.into(),
        },
        ..container::Style::default()
    }
}

/// Titre d'un menu dans la barre ; `open` pour le menu déroulé.
pub fn menu_title(open: bool) -> impl Fn(&Theme, button::Status) -> button::Style {
    move |_theme, status| {
        let background = match (open, status) {
            (true, _) => Some(Background::Color(ROW_SELECTED)),
            (false, button::Status::Hovered | button::Status::Pressed) => {
                Some(Background::Color(ROW_HOVER))
            }
            (false, _) => None,
        };
        button::Style {
            background,
            text_color: TEXT,
            ..button::Style::default()
        }
    }
}

/// Menu déroulé : une carte blanche avec une ombre, comme les boîtes.
pub fn menu_panel(theme: &Theme) -> container::Style {
    container::Style {
        border: Border {
            color: BORDER,
            width: 1.0,
            radius: RADIUS.into(),
        },
        ..dialog(theme)
    }
}

/// Entrée d'un menu déroulé : surlignée au survol, grisée si elle est indisponible.
pub fn menu_entry(_theme: &Theme, status: button::Status) -> button::Style {
    let (background, text_color) = match status {
        button::Status::Hovered | button::Status::Pressed => (Some(PRIMARY.into()), Color::WHITE),
        button::Status::Disabled => (None, MUTED),
        button::Status::Active => (None, TEXT),
    };
    button::Style {
        background,
        text_color,
        border: border::rounded(RADIUS),
        ..button::Style::default()
    }
}

/// Trait entre deux groupes d'entrées d'un menu.
pub fn menu_separator(_theme: &Theme) -> container::Style {
    container::Style {
        background: Some(BORDER.into()),
        ..container::Style::default()
    }
}
