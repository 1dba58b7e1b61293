//! Styles by meaning. Every colour also has a non-colour form (a symbol, bold, reverse,
//! underline), so that under `NO_COLOR`, on a washed-out projector or for a colour-blind
//! reader, nothing is lost.

use ratatui::style::{Color, Modifier, Style};

use crate::model::Role;
use crate::model::rules::{RowState, Severity};

/// `color` is decided once, by the command line (`--color`, `NO_COLOR`, `CLICOLOR`…).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Theme {
    pub color: bool,
}

impl Theme {
    fn fg(self, color: Color) -> Style {
        if self.color {
            Style::new().fg(color)
        } else {
            Style::new()
        }
    }

    #[must_use]
    pub fn base(self) -> Style {
        Style::new()
    }

    #[must_use]
    pub fn dim(self) -> Style {
        if self.color {
            Style::new().fg(Color::DarkGray)
        } else {
            Style::new().add_modifier(Modifier::DIM)
        }
    }

    #[must_use]
    pub fn title(self) -> Style {
        Style::new().add_modifier(Modifier::BOLD)
    }

    #[must_use]
    pub fn tab(self, active: bool) -> Style {
        if active {
            Style::new().add_modifier(Modifier::REVERSED | Modifier::BOLD)
        } else {
            self.base()
        }
    }

    #[must_use]
    pub fn header(self) -> Style {
        Style::new().add_modifier(Modifier::BOLD)
    }

    #[must_use]
    pub fn group(self) -> Style {
        self.fg(Color::Cyan).add_modifier(Modifier::BOLD)
    }

    /// The cursor: visible without colour.
    #[must_use]
    pub fn focus(self) -> Style {
        Style::new().add_modifier(Modifier::REVERSED | Modifier::BOLD)
    }

    /// In presenter mode, the focused row's name and the focused column's header: seen
    /// from the back of the room, with or without colour.
    #[must_use]
    pub fn present_focus(self) -> Style {
        if self.color {
            Style::new()
                .fg(Color::White)
                .bg(Color::Blue)
                .add_modifier(Modifier::BOLD)
        } else {
            Style::new().add_modifier(Modifier::REVERSED)
        }
    }

    /// In presenter mode, the words for the columns and rows off screen: read from the
    /// back of the room.
    #[must_use]
    pub fn beyond(self) -> Style {
        self.fg(Color::Yellow).add_modifier(Modifier::BOLD)
    }

    /// The focused row's name and the focused column's header.
    #[must_use]
    pub fn focus_line(self) -> Style {
        Style::new().add_modifier(Modifier::BOLD | Modifier::UNDERLINED)
    }

    #[must_use]
    pub fn role(self, role: Role) -> Style {
        match role {
            Role::Accountable => self.fg(Color::Magenta).add_modifier(Modifier::BOLD),
            Role::Responsible => self.fg(Color::Green).add_modifier(Modifier::BOLD),
            Role::Consulted => self.fg(Color::Blue),
            Role::Informed => self.base(),
        }
    }

    #[must_use]
    pub fn row_state(self, state: RowState) -> Style {
        match state {
            RowState::Fine => self.fg(Color::Green),
            RowState::NoAccountable | RowState::SeveralAccountable => {
                self.fg(Color::Red).add_modifier(Modifier::BOLD)
            }
            RowState::Trouble => self.fg(Color::Yellow),
        }
    }

    #[must_use]
    pub fn severity(self, severity: Severity) -> Style {
        match severity {
            Severity::Error => self.fg(Color::Red).add_modifier(Modifier::BOLD),
            Severity::Warning => self.fg(Color::Yellow).add_modifier(Modifier::BOLD),
            Severity::Info => self.fg(Color::Cyan),
        }
    }

    /// A cell that holds a problem (an external accountable, a departed holder…).
    #[must_use]
    pub fn cell_problem(self) -> Style {
        self.fg(Color::Red).add_modifier(Modifier::UNDERLINED)
    }

    #[must_use]
    pub fn status(self) -> Style {
        Style::new().add_modifier(Modifier::REVERSED)
    }

    #[must_use]
    pub fn status_error(self) -> Style {
        self.fg(Color::Red).add_modifier(Modifier::BOLD)
    }

    #[must_use]
    pub fn border(self) -> Style {
        self.fg(Color::Cyan)
    }
}
