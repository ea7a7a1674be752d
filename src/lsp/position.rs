//! Positions as the protocol counts them: a line and a character offset
//! in UTF-16 code units (what every client supports), to and from the
//! byte offsets crosscheck's spans are in. An Arabic letter is two bytes
//! and one UTF-16 unit; a character outside the basic plane is four
//! bytes and two units.

use lsp_types::{Position, Range};

/// The line starts of one text, to turn byte offsets into positions and
/// back without scanning the text from its start each time.
#[derive(Debug, Clone)]
pub struct Lines<'t> {
    text: &'t str,
    /// Byte offset of each line's first byte.
    starts: std::borrow::Cow<'t, [usize]>,
}

impl<'t> Lines<'t> {
    pub fn new(text: &'t str) -> Lines<'t> {
        Lines {
            text,
            starts: starts(text).into(),
        }
    }

    /// The lines of `text` whose line starts ([`starts`]) are kept
    /// already.
    pub fn with_starts(text: &'t str, starts: &'t [usize]) -> Lines<'t> {
        Lines {
            text,
            starts: starts.into(),
        }
    }

    /// The position of byte `offset` (clamped to the text, and back to
    /// the start of a character it falls inside).
    pub fn position(&self, offset: usize) -> Position {
        let mut offset = offset.min(self.text.len());
        while !self.text.is_char_boundary(offset) {
            offset -= 1;
        }
        let line = self.starts.partition_point(|&s| s <= offset) - 1;
        let start = self.starts[line];
        let character = self.text[start..offset].encode_utf16().count();
        Position::new(as_u32(line), as_u32(character))
    }

    /// The range of bytes `start..end`.
    pub fn range(&self, start: usize, end: usize) -> Range {
        Range::new(self.position(start), self.position(end))
    }

    /// The byte offset of `position`: a line past the end is the end of
    /// the text, a character past its line's end is the line's end (the
    /// protocol says so), and one inside a surrogate pair is the start of
    /// its character.
    pub fn offset(&self, position: Position) -> usize {
        let Some(&start) = self.starts.get(position.line as usize) else {
            return self.text.len();
        };
        let end = self
            .starts
            .get(position.line as usize + 1)
            .map_or(self.text.len(), |&next| next - 1);
        let line = &self.text[start..end];
        let line = line.strip_suffix('\r').unwrap_or(line);
        let mut units = 0;
        for (i, c) in line.char_indices() {
            units += c.len_utf16();
            if units > position.character as usize {
                return start + i;
            }
        }
        start + line.len()
    }

    /// The full line `line` (0-based) as a range, its end at the next
    /// line's start (or the text's end).
    pub fn line_range(&self, line: usize) -> Range {
        let start = self.starts.get(line).copied().unwrap_or(self.text.len());
        let end = self.starts.get(line + 1).map_or(self.text.len(), |&next| next - 1);
        self.range(start, end)
    }
}

/// The byte offset of each line's first byte in `text`.
pub fn starts(text: &str) -> Vec<usize> {
    let mut starts = vec![0];
    starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
    starts
}

fn as_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn arabic_letters_are_one_unit_each() {
        // "بمشاركة 179 دولة": 7 letters, a space, then the number.
        let text = "سطر أول\nبمشاركة 179 دولة";
        let lines = Lines::new(text);
        let at = text.find("179").unwrap();
        assert_eq!(lines.position(at), Position::new(1, 8));
        assert_eq!(lines.offset(Position::new(1, 8)), at);
        assert_eq!(lines.range(at, at + 3).end, Position::new(1, 11));
    }

    #[test]
    fn characters_outside_the_basic_plane_are_two_units() {
        let text = "😀 196";
        let lines = Lines::new(text);
        assert_eq!(lines.position(text.find('1').unwrap()), Position::new(0, 3));
        assert_eq!(lines.offset(Position::new(0, 3)), text.find('1').unwrap());
        // Inside the pair: the start of the emoji.
        assert_eq!(lines.offset(Position::new(0, 1)), 0);
    }

    #[test]
    fn positions_past_the_end_are_clamped() {
        let text = "ab\r\ncd";
        let lines = Lines::new(text);
        assert_eq!(lines.offset(Position::new(0, 9)), 2);
        assert_eq!(lines.offset(Position::new(7, 0)), text.len());
        assert_eq!(lines.position(99), Position::new(1, 2));
        assert_eq!(
            lines.line_range(1),
            Range::new(Position::new(1, 0), Position::new(1, 2))
        );
    }
}
