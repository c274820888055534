//! The report's typography and colours in one place, so that every page speaks the same visual
//! language: one sober accent colour, grey for secondary text, and two chart colours that stay
//! distinguishable in greyscale print and for the common forms of colour blindness.

use crate::fonts::Face;
use crate::layout::{Color, Frame, PAGE_HEIGHT, PAGE_WIDTH, TextStyle};

pub const INK: Color = Color(0x1d, 0x1f, 0x22);
pub const MUTED: Color = Color(0x5b, 0x61, 0x68);
pub const ACCENT: Color = Color(0x0b, 0x4f, 0x6c);
pub const ACCENT_LIGHT: Color = Color(0xe4, 0xee, 0xf3);
pub const RULE: Color = Color(0xb4, 0xbe, 0xc8);
pub const GRID: Color = Color(0xdd, 0xe2, 0xe7);
pub const ZEBRA: Color = Color(0xf4, 0xf6, 0xf8);
pub const KOMMUNE: Color = Color(0x1f, 0x78, 0xb4);
pub const HELSEFORETAK: Color = Color(0xd9, 0x7a, 0x0b);
pub const REMAINING: Color = Color(0xdd, 0xe3, 0xe8);
pub const FUNDING_LINE: Color = Color(0xb0, 0x2e, 0x26);
pub const NOT_FUNDED: Color = Color(0x9a, 0xa3, 0xad);
pub const WARNING_LIGHT: Color = Color(0xfb, 0xf1, 0xe1);
pub const WARNING: Color = Color(0xc4, 0x7a, 0x10);

/// 20 mm side margins; room above for the running header and below for the footer.
pub const FRAME: Frame =
    Frame { left: 56.7, top: 76.0, width: PAGE_WIDTH - 2.0 * 56.7, bottom: PAGE_HEIGHT - 62.0 };

pub const BODY: TextStyle =
    TextStyle { face: Face::Regular, size: 9.5, color: INK, line_height: 13.5 };
pub const SMALL_BODY: TextStyle =
    TextStyle { face: Face::Regular, size: 8.0, color: INK, line_height: 11.0 };
pub const BODY_BOLD: TextStyle = TextStyle { face: Face::Bold, ..BODY };
pub const TABLE: TextStyle =
    TextStyle { face: Face::Regular, size: 8.5, color: INK, line_height: 11.0 };
pub const TABLE_BOLD: TextStyle = TextStyle { face: Face::Bold, ..TABLE };
pub const TABLE_MUTED: TextStyle =
    TextStyle { face: Face::Regular, size: 7.5, color: MUTED, line_height: 9.5 };
pub const TABLE_HEADER: TextStyle =
    TextStyle { face: Face::Bold, size: 8.0, color: ACCENT, line_height: 10.5 };
pub const TITLE: TextStyle =
    TextStyle { face: Face::Bold, size: 26.0, color: ACCENT, line_height: 32.0 };
pub const SUBTITLE: TextStyle =
    TextStyle { face: Face::Regular, size: 14.0, color: INK, line_height: 19.0 };
pub const H1: TextStyle =
    TextStyle { face: Face::Bold, size: 16.0, color: ACCENT, line_height: 21.0 };
pub const H2: TextStyle =
    TextStyle { face: Face::Bold, size: 12.5, color: ACCENT, line_height: 16.5 };
pub const H3: TextStyle = TextStyle { face: Face::Bold, size: 10.0, color: INK, line_height: 14.0 };
pub const CHART: TextStyle =
    TextStyle { face: Face::Regular, size: 7.5, color: INK, line_height: 9.5 };
pub const CHART_MUTED: TextStyle =
    TextStyle { face: Face::Regular, size: 7.0, color: MUTED, line_height: 9.0 };
pub const CHART_BOLD: TextStyle =
    TextStyle { face: Face::Bold, size: 7.5, color: INK, line_height: 9.5 };
pub const RUNNING: TextStyle =
    TextStyle { face: Face::Regular, size: 7.5, color: MUTED, line_height: 9.5 };
