# folio's messages in English: every ID here also exists in zh-CN.ftl with the same
# placeables (tests/i18n.rs checks it). Placeables are folio's own values: file names, numbers,
# keys; `{"{"}` writes a literal brace.

## General

internal-error = error: folio hit an internal error (a bug); nothing was written. Please report it with the input that caused it.
hint-line = hint: { $hint }
hint-inline = {" "}(hint: { $hint })

## Content: edition.toml (src/input/content.rs)

content-not-edition = { $dir } is not an edition: it has no { $file }
content-not-edition-hint = pass an edition directory such as content/jiangxi-special, or start one with `folio new`
content-date-plain = the edition date must be a plain date
content-date-plain-hint = write it as a TOML local date, e.g. date = 2023-06-26
content-date-year = the edition is dated in the year { $year }: folio dates editions from { $from } to { $to } (the years whose 农历 date it prints)
content-unknown-format = unknown page format "{ $name }"
content-unknown-format-hint = use one of: { $formats }
content-page-unknown-format = page { $page }: unknown page format "{ $name }"
content-page-unknown-format-hint = use one of: { $formats }, or leave `format` out to use the edition's
content-no-pages = the edition has no pages
content-no-pages-hint = add at least one [[pages]] table with its stories
content-story-outside-hint = name a story file inside the project root, relative to the edition directory
content-story-missing = story file { $file } does not exist
content-story-missing-hint = check the name; story paths are relative to the edition directory
content-masthead-cn = `masthead.cn` = "{ $cn }" is not a CN serial number (国内统一连续出版物号)
content-masthead-cn-hint = write it as CN, two digits of the province, a hyphen and four digits, with an optional /class: cn = "CN 36-0012" or "CN 36-0012/Z"
content-masthead-postal = `masthead.postal_code` = "{ $code }" is not a 邮发代号
content-masthead-postal-hint = write it as one or two digits, a hyphen and one to four digits, e.g. postal_code = "43-12"
content-image-kind = { $what } { $file } is not { $exts }
content-image-kind-hint = give a { $exts } file
content-image-outside-hint = keep images inside the project, e.g. photos/logo.svg in the edition directory
content-image-missing = { $what } { $file } does not exist
content-image-missing-hint = check the file name; it is relative to the edition directory
content-the-logo = the logo
content-logo-text = the logo { $file } sets its lettering as text, in fonts folio may not have (the SVG renderer would put another in its place without a word)
content-logo-text-hint = convert the logo's text to outlines (paths) in your drawing program (Illustrator: Type → Create Outlines; Inkscape: Path → Object to Path) and save it again
content-logo-unreadable = the logo { $file } is not a readable SVG: { $error }
content-logo-unreadable-hint = export it again from your drawing program as plain SVG, or give a PNG
content-the-ear-photo = the ear photo
content-ear-no-masthead = page { $page } has an ear but no masthead: the ear (报眼) sits beside the masthead
content-ear-no-masthead-hint = add masthead = true to the page, or remove its [pages.ear] table
content-ear-empty = page { $page }'s ear holds nothing
content-ear-several = page { $page }'s ear holds more than one thing
content-ear-kinds-hint = give the ear one of: title = "…" (with see = [2]), items = [{"{"} title = "…", page = 2 {"}"}] (导读), or photo = "photos/….jpg"
content-ear-see-no-title = page { $page }'s ear has `see` without a `title`
content-ear-see-no-title-hint = `see` belongs to the ear's title; 导读 items carry their own page
content-ear-caption-no-photo = page { $page }'s ear has a caption but no photo
content-ear-caption-no-photo-hint = add photo = "photos/….jpg", or remove the caption
content-ear-bad-page = page { $page }'s ear points to page { $target }, which the edition does not have
content-ear-item-page-hint = point each 导读 item at a page listed in this edition
pictures-side-by-side = pictures side by side on page { $page } (碰图): the picture of 「{ $headline }」 stands beside the picture of 「{ $other }」, only a gutter between
pictures-side-by-side-hint = set one of them higher or lower by its depth, or in other columns (its `column`, `row` or `span`), or leave one out; beside each other they read as one picture, or as the other story's; on a page folio placed, another `size` or a cut may give it another block
reading-order = reading order on page { $page }{ $column }: 「{ $headline }」 opens { $lines } lines below its copy at the top of a column to the right, so a reader meets the middle of the story first
reading-order-hint = let the copy open at the top left under the head: the picture at the block's right edge (its `column`) or across the block (`under_head = true`), the head across the block rather than down its first column; on a page folio placed, `max_span` or a cut may give it another block
ear-own-page = page { $page }'s ear points 「{ $title }」 at page { $page } itself
ear-own-page-hint = 导读 lists the stories inside: point the item at the page its story is on, or drop it and give the ear a title or a photo
content-ear-too-many = the ear of page { $page } lists { $n } 导读 items; an ear holds at most { $most } (fewer on a tabloid)
content-ear-too-many-hint = keep the ear's items to the stories a reader should turn to first; the build says how many this ear holds
content-ear-item-empty = a 导读 item's title is empty
content-ear-item-empty-hint = write the line the ear shows, e.g. the story's headline shortened
content-too-many-pages = the edition has { $pages } pages; folio builds at most { $max } in one edition
content-too-many-pages-hint = split the edition into parts (one edition folder per section), each built on its own
content-paper-empty = the paper's name is empty
content-paper-empty-hint = write the paper's name, e.g. paper = "示例日报": it is printed in every folio line
content-field-too-long = `{ $key }` is { $chars } characters long; the folio line has room for { $max }
content-field-too-long-hint = shorten it (the folio line prints it in one line with the date, the page and the editors)
content-ear-see-hint = point the ear (见第N版) at pages listed in this edition
content-page-number-range = `pages[{ $index }].number` = { $number } is out of range: page numbers run 1–{ $max }
content-page-number-range-hint = give the page number printed in its folio line, e.g. number = 5
content-page-out-of-order = page { $number } is listed after page { $before }: an edition lists its pages in the order they print
content-page-out-of-order-hint = move this [[pages]] table before page { $before }'s (the pages PDF, the spreads and the plates follow the list)
content-page-number-twice = page number { $number } is used twice (the { $first ->
        [1] first
        [2] second
        [3] third
       *[other] { $first }th
    } and the { $second ->
        [1] first
        [2] second
        [3] third
       *[other] { $second }th
    } [[pages]] tables)
content-page-number-twice-hint = give every page its own number
content-page-no-stories = page { $page } has no stories
content-page-no-stories-hint = list its story files in `stories = [...]`, or write `blank = true` if the page is meant to be empty
content-story-twice = story file { $file } is listed twice (on page { $first } and page { $second })
content-story-twice-hint = a story is set once: list it on one page (a story that continues on another page gets [[jumps]])

## Stories and blocks (src/input/content.rs)

content-copyfit-range = `copyfit.{ $key }` = { $value } is out of range: it is a share between 0 and { $max }
content-copyfit-range-hint = e.g. { $key } = 0.02 for ±2%; 0 turns it off
content-house-words-many = `typography.words` lists { $count } words; folio takes at most { $max }
content-house-words-many-hint = keep the names and terms the headlines of this edition use; the word dictionary has the common ones
content-house-word = `typography.words` holds "{ $word }": a house word is 2 to { $max } characters with no space
content-house-word-hint = list each name or term on its own, e.g. words = ["易炼红", "赣江新区"]
content-photo-lines-range = `copyfit.photo_lines` = { $value } is out of range: 0–{ $max } grid lines
content-photo-lines-range-hint = e.g. photo_lines = 4
content-preflight-positive = the [preflight] limits must be positive numbers
content-preflight-positive-hint = e.g. warn_ppi = 200, error_ppi = 120, target_ppi = 300, max_ink = 240
content-preflight-order = [preflight] error_ppi ({ $error }) is above warn_ppi ({ $warn })
content-preflight-order-hint = a photo is an error below error_ppi and a warning below warn_ppi: make error_ppi ≤ warn_ppi
content-preflight-max-ppi = the [preflight] resolutions must be at most 2400 ppi
content-preflight-max-ppi-hint = newsprint needs 200–300 ppi: e.g. warn_ppi = 200, target_ppi = 300
content-preflight-max-ink = [preflight] max_ink = { $value } is more than four inks at 100%
content-preflight-max-ink-hint = give the press's total area coverage limit in percent, e.g. 240 for newsprint
story-jump-needs-block = a story that continues on another page (转版) needs a [block]: folio does not place jumps
story-jump-needs-block-hint = give the story its [block] by hand (`folio place --write` writes one for the stories it can place), or remove the [[jumps]]
story-head-range = `block.head` = { $head } is out of range: the block is { $lines } lines deep, so its head area takes 0–{ $max } lines
story-head-size = `block.head_size` = { $size } is not one of the { $format } format's headline sizes ({ $sizes } pt)
story-head-size-hint = write one of { $sizes }, or leave `head_size` out: the head takes the size for its block's span (`heads` in layouts/formats.toml)
story-head-range-hint = give the head area fewer lines than the block, leaving room for copy (or 0, or leave `head` out: folio sizes it)
story-cutout-range = `block.cutout` (span { $span }, height { $height }) does not leave an L: the block is { $columns } columns by { $lines } lines, so the corner takes 1–{ $columns } columns less one and 1–{ $lines } lines less one
story-cutout-range-hint = give the corner fewer columns and lines than the block (the stories in it have blocks of their own there), or leave `cutout` out
story-cutout-clash = the corner `block.cutout` leaves to other stories cuts into this story's { $what }
story-cutout-clash-hint = make the corner shorter (`height`) or narrower (`span`) so that it starts under the head, the lead box and the photos, with a line of copy above it
story-text-columns-range = `block.text_columns` = { $columns }: the block spans { $span } columns, so its copy may be set in 1–{ $span }
story-text-columns-range-hint = give `text_columns` between 1 and { $span } (fewer, wider columns than the grid's: 变栏), or leave it out
story-text-columns-with = `block.text_columns` (变栏) cannot go with { $with }
story-text-columns-with-hint = leave out `text_columns` or { $with }: a story set in columns of its own keeps its copy in one rectangular block on its page
cutout-what-head = head area
cutout-what-lead = lead box
cutout-what-photo = photo
story-headline-empty = the headline is empty
story-headline-empty-hint = write the story's headline (主题)
story-attribution-empty = the attribution is empty: it would print as empty brackets （ ）
story-attribution-empty-hint = write the reporter's name (attribution = "叶祥森"), or leave `attribution` out
story-section-head-empty = a section's head (小标题) is empty: it would print as an empty black band
story-section-head-empty-hint = write the section's head, or move its paragraphs to the end of the section before it (or of the body)
story-briefs-none = `briefs = true` but the story has no `[[sections]]`: a column of briefs is its sections, one a brief
story-briefs-verse = `briefs = true` cannot go with `verse = true`
story-briefs-hint = write each brief as a `[[sections]]` entry (`head` its title, `body` its text), or leave `briefs` out
story-key-empty = `{ $key }` is empty: it would print as white where its text stands
story-key-empty-hint = write it, or leave `{ $key }` out
story-lead-empty-hint = write the lead box's title (核心提示) and its text, or leave the `[lead]` table out
story-lead-span = the lead box spans { $lead } columns, the story only { $span }
story-lead-span-hint = give the lead box between 1 and the story's span columns
story-photo-columns = the photo spans story columns { $first }–{ $last }, but the story has columns 1–{ $span }
story-photo-columns-hint = photo columns count from the story's first column
story-photo-zero = the photo's `{ $key }` is 0: photo columns count from 1, and a photo spans at least one
story-photo-zero-hint = set `{ $key }` between 1 and { $span } (the story's columns), or leave it out and folio places the photo
story-photo-height-zero = the photo's height is 0 grid lines: a picture needs lines to stand in
story-photo-height-zero-hint = give the height in grid lines with its caption (e.g. 12), or leave `height` out and folio sizes the photo by its aspect ratio
story-photo-outside-hint = keep photos inside the project, e.g. photos/name.jpg in the edition directory
story-photo-missing = photo { $file } does not exist
story-photo-backslash = the photo's path { $file } has a `\` in it
story-photo-backslash-hint = write the path with `/` between folders, as on every system: file = "{ $fixed }" (and name no file with a `\` in it)
story-photo-missing-hint = check the file name; photo paths are relative to the edition directory
story-photo-focus-shape = `focus` has { $count } numbers; it takes two, [x, y]
story-photo-focus-range = `focus` value { $value } is outside 0–1
story-photo-focus-hint = write the point to keep in view as fractions of the image from its top-left corner, e.g. focus = [0.3, 0.2] (the centre is [0.5, 0.5])
story-photo-under-head-keys = a photo with `{ $key }` (压题图 under the head, 题上图 above it) spans the whole block, so it takes no { $keys }
story-photo-under-head-keys-hint = remove { $keys }, or `{ $key }` to place the photo yourself
story-photo-under-head-twice = only one photo of a story can stand across its block (under or above its head)
story-photo-under-head-twice-hint = keep `under_head = true` or `above_head = true` on one photo; place the others with `row`, or at the foot of the copy
story-photo-under-and-above-head = a photo cannot stand both under and above its story's head
story-photo-under-and-above-head-hint = keep one of `under_head = true` and `above_head = true`
story-photo-under-head-vertical = a story with a vertical (竖排) head cannot have a photo across its block (`{ $key }`)
story-photo-under-head-vertical-hint = remove `{ $key }`, or `vertical = true`
story-span-hint-range = `{ $key }` = { $value } is out of range: the page has columns 1–{ $columns }
story-span-hint-range-spread = `{ $key }` = { $value } is out of range: a story across the centre spread has the spread's columns 1–{ $columns }
story-span-hint-range-hint = set `{ $key }` between 1 and { $columns } (columns the story's block may span), or leave it out
story-across-placed = `across = true` runs the story across the centre spread, but its [block] stays on its page
story-across-placed-hint = remove `across`, or let the block run past the page's last column (columns past it are the facing page's), or remove the [block] to let folio place it across
story-across-not-centre = `across = true` runs a story across the centre spread's fold, and this page is not the centre spread's left page
story-across-not-centre-hint = list the story on the left page of the centre spread (the middle two pages of an edition with an even number of pages, even number on the left), or remove `across`
story-priority-zero = `priority` = 0: a story's rank counts from 1, the page's lead
story-priority-zero-hint = write priority = 1 for the page's lead, 2 for the next, and so on; or leave it out (the story's place in the page's list)
story-min-max-span = `min_span` = { $min } is more than `max_span` = { $max }: no span is left for the story
story-min-max-span-hint = make min_span ≤ max_span, e.g. min_span = { $min } and max_span = { $max }
story-too-many-chars = the story holds { $chars } characters of copy; folio sets at most { $max } in one story
story-too-many-chars-hint = split it into several stories (or check that the file holds one story, not a whole edition)
story-too-many-paragraphs = the story holds { $paras } paragraphs; folio sets at most { $max } in one story
story-too-many-paragraphs-hint = split it into several stories; paragraphs are separated by blank lines
story-field-too-long = `{ $key }` is { $chars } characters long; a display line holds at most { $max }
story-field-too-long-hint = shorten `{ $key }`: it is set in display type on one or two lines
story-caption-too-long = the caption of photo { $photo } is { $chars } characters long; a caption holds at most { $max }
story-caption-too-long-hint = shorten the caption; a long text belongs in the story
block-across-facing = {" "}(columns past { $columns } continue on the facing page)
block-across-centre-only = ; only the centre spread's left page may carry a story across the gutter (跨版)
block-column-range = `{ $key }` = { $value } is out of range: the { $format } grid has columns 1–{ $max }
block-column-range-hint = set column between 1 and { $max }{ $across }
block-span-zero = `{ $key }` = 0 is out of range: a block spans at least one column
block-span-zero-hint = set `{ $key }` between 1 and { $max }
block-span-range = the block spans columns { $first }–{ $last }, but the { $format } grid has columns 1–{ $max }
block-span-range-hint = set `{ $key }` between 1 and { $most } so that column + span - 1 ≤ { $max }{ $across }
block-top-under-banner = `{ $key }` = { $value } is out of range: lines 0–{ $last } are the page's banner or masthead
block-top-range = `{ $key }` = { $value } is out of range: the { $format } grid has lines 0–{ $last }
block-top-range-hint = set top between { $min } and { $max }
block-height-range = the block covers lines { $top }–{ $bottom }, but the { $format } grid has lines 0–{ $last }
block-height-range-hint = set `{ $key }` between 1 and { $max } (the lines left under top = { $top })
banner-across-no-banner = page { $page }: banner_across without a banner
banner-across-no-banner-hint = add banner = "…" to the page, or remove banner_across
banner-across-masthead = page { $page }'s banner runs across the spread, but page { $right } has its own masthead
banner-across-banner = page { $page }'s banner runs across the spread, but page { $right } has its own banner
banner-across-hint = remove the banner (or masthead) of page { $right }
banner-across-not-centre = page { $page } is not the left page of the centre spread: its banner cannot run across
banner-across-not-centre-hint = only the middle two pages of an edition (an even page, then the next odd one, in one format) print on one sheet; set banner_across there
jump-format = the story jumps from a { $from } page to page { $page }, which is { $to }
jump-format-hint = continue the story on a page of the same format
jump-backwards = the story jumps to page { $page }, which does not come after the page it starts on
jump-backwards-hint = a story continues on a later page; list jumps in page order
jump-no-page = the story jumps to page { $page }, which the edition does not have
jump-no-page-hint = use a page number listed in edition.toml
jump-too-short = the jump block is { $lines } lines deep; a continuation needs at least 3 (its head and copy)
jump-too-short-hint = make the jump block at least 3 grid lines deep
block-overlap = this block overlaps the block of { $other } on page { $page }
block-overlap-hint = move or shrink one of the two blocks so they share no grid cell

## TOML sources (src/input/source.rs)

source-not-utf8-line = the file is not UTF-8 (the first bad byte is on line { $line }): it looks like { $encoding }
source-not-utf8 = the file is not UTF-8: it looks like { $encoding }
source-not-utf8-hint = save the file as UTF-8 (in your editor: Save As → Encoding: UTF-8; WPS/Word: 纯文本, UTF-8), or convert it: iconv -f { $iconv } -t UTF-8 { $file } > fixed.toml
source-cr-line-ends = the file's lines end in a carriage return alone (CR, as classic Mac OS saved text), which TOML does not take for a line end
source-cr-line-ends-hint = save the file with LF line ends (in your editor: Line endings → LF or CRLF), or convert it: tr '\r' '\n' < { $file } > fixed.toml
ime-fullwidth-equals = a full-width equals sign
ime-curly-open-quote = a curly opening quote
ime-curly-close-quote = a curly closing quote
ime-curly-open-single = a curly opening single quote
ime-curly-close-single = a curly closing single quote
ime-fullwidth-bracket = a full-width bracket
ime-chinese-bracket = a Chinese bracket
ime-fullwidth-brace = a full-width brace
ime-fullwidth-comma = a full-width comma
ime-fullwidth-colon = a full-width colon
ime-fullwidth-number-sign = a full-width number sign
ime-fullwidth-space = a full-width space
source-ime-hint = `{ $char }` (U+{ $code }) is { $what }, typed with a Chinese input method; TOML needs the ASCII `{ $ascii }` here: switch the input method to English (or half-width) for keys, `=`, quotes and brackets
source-did-you-mean = did you mean `{ $key }`?
char-bidi-override = a bidirectional override
char-direction-mark = an invisible direction mark
char-control = a control character
char-noncharacter = a non-character
char-rtl = right-to-left script, which folio does not set
char-tab = a tab inside a line
char-soft-hyphen = a soft hyphen, an invisible break point that prints as a hyphen where a line breaks at it
char-stacked-marks = a combining mark on another combining mark: they print one over the other
char-invisible = an invisible character that prints as nothing (or as a box)
char-rtl-hint = folio sets Chinese and left-to-right text only: remove the right-to-left text from `{ $key }` (or set it as a photo)
char-bidi-hint = delete it from `{ $key }`: it reorders text on screen but not in print, so proof and plate would differ
char-delete-hint = delete it from `{ $key }` (it was probably pasted with the copy); type a space or 　 (U+3000) where a space is meant
char-bad = `{ $key }` holds { $code }, { $what }
source-cannot-read = cannot read { $file }: { $error }
source-expected-here = expected { $expected } here
toml-unknown-field-hint = remove or rename the key; { $expected } takes only the keys listed above (see README.md, "Content format")
toml-missing-field-hint = add the missing key to { $expected } (see README.md, "Content format")
toml-invalid-type-hint = change the value to the type the key takes (see README.md, "Content format")
toml-dotted-table = `{ $table }` is written as dotted keys ({ $table }.…), which folio does not read for this table
toml-dotted-table-hint = write it as a table: `[{ $table }]` on a line of its own after the file's other keys, then its keys one a line (`column = 1`); or inline: `{ $table } = {"{"} column = 1, … {"}"}`
toml-syntax-hint = fix the TOML syntax; this file holds { $expected }
toml-unknown-field = unknown field `{ $key }`, expected one of { $expected }
toml-missing-field = missing field `{ $key }`

## What a file holds

expected-edition = an edition ([edition] and [[pages]])
expected-story = a story

## Page formats

expected-formats = page formats

## Preflight findings (src/check/preflight.rs)

head-area-vertical = set vertically it runs past the foot of its block ({ $has } lines deep)
head-area-given = its head area has { $has } (block.head = { $has })
head-area-block = the block has { $has } under its top, leaving no line for copy
head-overset-vertical-hint = shorten the headline (or the kicker, deck or byline, each a column of its own beside it), make the block deeper, or set the head across the top (leave out `vertical`)
head-overset-given-hint = shorten the headline (or kicker and deck), give the head area { $needs } lines (head = { $needs }), or make the block wider
head-overset-hint = shorten the headline (or kicker and deck), or make the block wider or deeper
head-overset = head on page { $page }: the headline needs { $needs } lines, { $area }
overset = overset on page { $page }: { $lines } lines (about { $chars } characters) do not fit the block
overset-hint = cut the copy, or make the block taller or wider
underset = underset on page { $page }: the columns end { $lines } lines above the block's foot
underset-hint = add copy, enlarge the photo, or make the block shorter
copyfit = copyfit on page { $page }: { $change } to fill the block
copyfit-hint = this is what fit = "auto" did; remove fit = "auto" to set the story as written
photo-error = photo { $file }: { $error }
photo-unreadable-hint = replace the file with a readable JPEG or PNG, or fix the path
photo-low-ppi = photo { $file } prints at { $ppi } ppi on page { $page } ({ $width }×{ $height } px over { $width_mm }×{ $height_mm } mm), below { $limit } ppi
photo-cropped = photo { $file } on page { $page } shows { $share }% of its picture's { $part }: its box crops it to a strip
photo-cropped-width = width
photo-cropped-height = height
photo-cropped-hint = let its height follow the picture (remove `height`), or give it a height or span closer to the picture's shape; `focus` chooses what stays in view
photo-low-ppi-hint = use a file of at least { $width }×{ $height } px for this size, or place it smaller (span fewer columns)
photo-low-ppi-ear-hint = use a file of at least { $width }×{ $height } px for the ear (报眼) photo
ear-title-small = the ear (报眼) title of page { $page } has { $n } characters: to fit the ear's depth it is set at { $size } pt, too small to read
ear-title-small-hint = shorten it to { $most } characters or fewer (9 pt), or point to the story with 导读 items instead
ear-items-over = the ear (报眼) of page { $page } lists { $n } 导读 items and sets { $fits } one under another: the rest are printed over them or past the ear's foot
ear-items-over-hint = take { $cut } of them out (the ear holds { $fits } here)
ear-item-small = the 导读 item “{ $title }” in the ear of page { $page } is set at { $size } pt to fit the ear's width, too small to read
ear-item-small-hint = shorten it (an item reads best at 12 characters or fewer)
glyph-times = {" "}({ $count } times)
glyph-in-paragraph = {" "}in the paragraph “{ $context }”
glyph-missing = no font has the character { $char } ({ $code }) on page { $page }{ $times }{ $place }: it would print as an empty box
glyph-missing-hint = replace { $code } with a character the fonts have, or add a font that has it to the fonts folder (`folio fonts` lists them)
ink-what-text = text “{ $text }”
ink-what-rule = a rule
ink-what-fill = a fill
ink-not-k = page { $page }: { $count } paint(s) not in pure K, first { $what } in { $colour }
ink-not-k-hint = text, captions and rules must print in K only: use st.ink / st.tint() (cmyk 0/0/0/k) in layouts/style.typ
ink-over-limit = page { $page }: total ink coverage reaches { $tac }% (in { $source }), above the limit of { $limit }%
ink-over-limit-hint = separate the photo with the printer's profile (its total ink limit), or raise [preflight] max_ink if the press allows it
typo-column = , column { $column }
typo-story-column = , the story's column { $column } (page column { $page_column })
loose-line = loose line on page { $page }: 「{ $text }」 is spread by { $percent }% of an em
loose-line-hint = rewrite a word in the paragraph (a line of whole characters needs no spreading), or let fit = "auto" track the story
loose-line-house-hint = the next line starts with { $word }, one of the house's words (`[typography] words`), which body copy keeps whole: rewrite a word before it so the line ends at it, or take it out of the list
loose-words = loose line on page { $page }: 「{ $text }」 has a space between words { $em } em wide
loose-words-hint = English in a column of { $chars } characters holds two or three words a line, and the line's slack all goes into its spaces: set the story in wider columns (变栏: a block of two grid columns with `text_columns = 1` in [block] sets lines of twice the words), reword the line (a longer word the line can hyphenate, or a shorter one that fits), or keep English to a name or a quotation in Chinese copy
kinsoku = line break against 禁则 on page { $page }: the line 「{ $text }」 starts with a closing mark or a unit (℃, ‰), or ends with an opening mark or a sign (±, ¥)
kinsoku-hint = a closing mark stays with the character before it, an opening mark with the one after it, a unit or a sign with its number: add or cut a character or two in the paragraph so the line breaks elsewhere
widow = widow on page { $page }{ $column }: the paragraph's last line 「{ $text }」 stands alone at the top of the column
widow-hint = add or cut a few characters in the paragraph so that its last line moves, or change the block's depth by a line
orphan = orphan on page { $page }{ $column }: the paragraph's first line 「{ $text }」 stands alone at the foot of the column
orphan-hint = add or cut a line of copy before the paragraph, or change the block's depth by a line
widow-placed-hint = add or cut a few characters in the paragraph so that its last line moves (folio placed this story: it places the copy anew)
orphan-placed-hint = add or cut a line of copy before the paragraph (folio placed this story: it places the copy anew)
short-column = short column on page { $page }{ $column }: the copy ends { $lines } { $lines ->
    [one] line
   *[other] lines
    } above the column's foot
short-column-hint = add or cut a line of copy, or change the block's depth or the photo's height by a line, so the columns end level
short-column-cut-hint = cut about { $cut } characters from the story's end ({ $lines ->
        [one] its last line
       *[other] its last { $lines } lines
    }{ $at }) and make its head area a line deeper (`head = { $head }` in [block]), or add about { $add } characters, so its columns end level
short-column-squeeze-hint = take back { $lines ->
        [one] a line
       *[other] { $lines } lines
    } by setting paragraphs a little tighter and make its head area a line deeper (`squeeze = { $squeeze }` and `head = { $head }` in [block]), or cut about { $cut } characters from the story's end ({ $lines ->
        [one] its last line
       *[other] its last { $lines } lines
    }{ $at }) with the deeper head area, or add about { $add } characters, so its columns end level
short-column-cut-placed-hint = cut about { $cut } characters from the story's end ({ $lines ->
        [one] its last line
       *[other] its last { $lines } lines
    }{ $at }) or add about { $add }, and build again: folio places it anew, its columns level
short-cut-paragraphs = ; { $n ->
        [one] its last paragraph
       *[other] its last { $n } paragraphs
    }, 「{ $text }…」
short-cut-sentence = ; from 「{ $text }…」 to its end
short-cut-within = ; from 「{ $text }…」, inside a sentence: end the one before
short-column-whole-hint = every column of the story ends a line short: make its head area a line deeper (`head = { $head }` in [block]), or add about { $add } characters, so its columns end level
short-column-add-hint = add about { $add } characters to the story, so its columns end level; or change the block's depth or a photo's height
hole = hole on page { $page }{ $column }: { $lines } grid lines of the type area that no block, banner or masthead covers (开天窗)
hole-hint = make the block above or below it deeper, or place a story or photo there (or leave the page's blocks out and let folio place them)
fold-split-headline = the headline across the fold of pages { $page }–{ $next } is split inside a word: 「{ $text }」
fold-split-banner = the banner across the fold of pages { $page }–{ $next } is split inside a word: 「{ $text }」
overprint = text printed over text on page { $page }: 「{ $first }」 over 「{ $second }」{ $pairs ->
    [1] {""}
   *[other] {" "}and { $pairs } pairs of characters in all
    }
overprint-hint = a head or a line set over another: shorten the headline or give its block more room, and report it if the layout did it by itself
too-wide = text runs past its column on page { $page }{ $column }: 「{ $text }」 is { $over } pt wider than the room it has, over the gutter and what stands beside it
too-wide-hint = folio sets copy literally, and in body text hyphenates only English words of letters: a line breaks a number, a web address or a word with digits or marks in it only at a space or a hyphen. Put a space or a hyphen where it may break (e.g. a long web address after a /), or shorten it
too-wide-hint-chinese = a line of Chinese text and its marks always fits its column, so this is a fault of folio or its templates, not of the copy: please report it with the story. Rewording a few characters near it moves the line break and sets the page meanwhile
fold-split-hint = put a space or a line break (\n) in the text where the fold should fall, between two phrases, or move the block so that the fold falls between words
long-leg = long leg on page { $page }: one column of copy runs { $lines } lines beside photo { $photo }
long-leg-hint = make the photo as wide as the block or two columns narrower (two columns of copy beside it), or shorter
long-leg-stories = long leg on page { $page }: the story's copy runs down a single column { $lines } lines beside other stories
long-leg-stories-hint = give its copy two columns there (a wider block, or an L-shaped block's corner a column narrower), or cut the story so that the column runs { $most } lines or fewer
photo-rank = picture no smaller than the lead's on page { $page }: { $width } × { $height } mm, the lead 「{ $lead }」's { $lead_width } × { $lead_height } mm
head-rank = head no smaller than the lead's on page { $page }: 「{ $headline }」 prints at { $size } pt, the lead 「{ $lead }」 at { $lead_size } pt
head-rank-hint = the lead's head is the page's largest: give this block a smaller `head_size` (one of the format's `heads`) or a narrower `span`, or the lead's a larger `head_size` or a wider `span`; or, if this story is the page's lead, give it `priority = 1`
head-rank-placed-hint = the lead's head is the page's largest, and folio found no layout of this copy where it is: give this story a smaller `max_span` or the lead a larger `min_span`, or cut the lead's copy so that its block can widen; or, if this story is the page's lead, give it `priority = 1`
front-lead-rank = the front page's lead head is smaller than a head inside: 「{ $headline }」 prints at { $size } pt on page { $page }, 「{ $inside }」 at { $inside_size } pt on page { $inside_page }
front-lead-rank-hint = the front page's lead head is the edition's largest: give the lead a larger `head_size` (one of the format's `heads`) or a wider `span`, or the head inside a smaller `head_size` or a narrower `span`
front-lead-rank-placed-hint = the front page's lead head is the edition's largest: cut the lead's copy so that folio can widen its block (see the page's better-with-cuts advice), give it a larger `min_span`, or set the head inside smaller
photo-rank-hint = the lead's picture is the page's largest: give this photo `size = "small"` (with no `size` it is already medium, the default) or a smaller `span` or `height`, or the lead's photo `size = "large"` or a larger `span` or `height`; on a page folio placed, cutting the lead's copy can give its picture room
heads-side-by-side = heads side by side on page { $page } (碰题): 「{ $first }」 and 「{ $second }」 start on the same line in neighbouring columns
stacked-heads = heads stacked on page { $page } (叠题): 「{ $second }」 stands under 「{ $first }」 with { $lines } { $lines ->
    [one] line
   *[other] lines
    } of its block between
stacked-heads-hint = give the upper story's block { $least } lines or more under its head (deeper, or narrower so that its copy runs longer), or start the lower story further down
heads-staggered = heads side by side on page { $page } (碰题): 「{ $first }」 and 「{ $second }」 overlap in neighbouring columns, staggered by less than a head
heads-side-by-side-hint = stagger the blocks by a head's depth or more, or let the first story wrap the other as an L-shaped block (`cutout` in [block])
heads-side-by-side-turn = ; or give 「{ $story }」 a vertical head (`vertical = true` in its file: a vertical head beside a head across is no 碰题)
heads-side-by-side-placed = folio placed this page: where it says what to cut for a better page (better-with-cuts), do that first; or { $hint }
heads-side-by-side-unmended = folio placed this page and no cut it tried takes the row away: write its blocks into the files (`folio place --write`) and { $hint }
long-vertical-head = a vertical head of { $chars } characters: 「{ $headline }」 stands in one column, far down the block, or with figures or letters that cannot stand upright in it
long-vertical-head-hint = a 竖题 is a short head: one or two phrases (a `\n` between them) of { $most } characters or fewer, with no run of more than two figures or letters in it or in its kicker or deck; shorten it, or take out `vertical = true`
deep-head = deep head area on page { $page }: { $has } lines for a head that needs { $needs } (white under the head)
deep-head-hint = set `head = { $needs }` in [block] (or leave `head` out: folio sizes it), and give the line to the copy
squeeze-unused = `squeeze = { $asked }` on page { $page } asks for more lines than the story can take back: { $can ->
    [0] none of its paragraphs comes out a line shorter set tighter
    [one] one of its paragraphs comes out a line shorter set tighter, so it takes back one line
   *[other] { $can } of its paragraphs come out a line shorter set tighter, so it takes back { $can } lines
}
squeeze-unused-hint = { $can ->
    [0] remove `squeeze` from [block]
   *[other] set `squeeze = { $can }` in [block]
}; for the lines still over, give the block more room or cut the copy
squeeze-unused-copyfit-hint = the story has `fit = "auto"`: copyfit sets its tracking, so `squeeze` does nothing; remove it
allowed-overset = {" "}(allowed by --allow-overset)
refused-white = {" "}— not on press plates: fill it (copy, a photo, a block's depth), or build with --allow-holes if the space is kept for something placed later

## Punctuation

half-width-bracket = half-width brackets in Chinese text: { $pair }
half-width-bracket-hint = GB/T 15834 sets brackets in Chinese text full-width: write { $full }, or set full_width_brackets = true under [typography] in edition.toml to convert them all
half-width-mark = half-width “{ $mark }” in Chinese text: { $context }
half-width-mark-hint = GB/T 15834 sets , : ; ? ! in Chinese text full-width: write { $full }, or set full_width_marks = true under [typography] in edition.toml to convert them all (9:30 and 1,277 stay)
html-in-copy = HTML in the copy: { $markup } (from a web page or a newsroom system) prints as written
html-entity-hint = write the character it stands for, { $text }, in its place
html-entity-space-hint = it stands for a space: delete it (Chinese copy has none; between Latin words write a space)
html-tag-hint = delete it: a paragraph ends at a blank line, and the template sets the type
full-width-alnum = full-width letters or digits: { $run }
full-width-alnum-hint = digits and Latin letters are set half-width (GB/T 15835; the house sets digits two to an em): write { $half }, or set half_width_alnum = true under [typography] in edition.toml to convert them all
punctuation-more = { $count } more like this in this story, the first of them: { $first }

## Reports (src/cmd/report.rs)

report-jump-blocks = { $n ->
    [one] {" "}and 1 jump block
   *[other] {" "}and { $n } jump blocks
    }
report-balance-exact = exact
report-balance-short = { $chars } short
report-balance-over = { $chars } over
report-block-line = { $name }: block { $cols } × { $lines } lines{ $jumps } ({ $placed }) holds ~{ $capacity } characters, copy { $copy } ({ $balance }){ $advised }
report-advised-cut = ; cut ~{ $chars } for a better page
report-advised-add = ; add ~{ $chars } for a better page
report-placed-by-folio = placed by folio
report-placed-by-hand = by hand
count-cols = { $n ->
    [one] 1 col
   *[other] { $n } cols
    }
count-stories = { $n ->
    [one] 1 story
   *[other] { $n } stories
    }
count-body-lines = { $n ->
    [one] 1 body line
   *[other] { $n } body lines
    }
count-overset-lines = { $n ->
    [one] 1 line overset
   *[other] { $n } lines overset
    }
count-photos = { $n ->
    [one] 1 photo
   *[other] { $n } photos
    }
count-errors = { $n ->
    [one] 1 error
   *[other] { $n } errors
    }
count-warnings = { $n ->
    [one] 1 warning
   *[other] { $n } warnings
    }
count-pages = { $n ->
    [one] 1 page
   *[other] { $n } pages
    }
report-photos = { $photos } (lowest { $ppi } ppi)
report-downsampled = , downsampled saving { $size }
report-grayscale = , grayscale
report-ink-max = ink max { $percent }%
report-ok = ok
report-list-two = { $a }, { $b }
report-separator = {", "}
report-page-line = page { $page }: { $parts } — { $verdict }
report-build-failed = error: the build failed with { $errors }; no output was written
report-the-page = the page
report-the-edition = the edition
report-not-on-page = not on a page
report-edition-line = { $edition }: { $pages }, { $errors }, { $warnings }

## folio build (src/cmd/build.rs)

build-bleed-range = --bleed { $bleed }: the bleed must be between 0 and { $max } mm
build-bleed-range-hint = give the bleed the printing house asks for, in mm (usually 3; 0 for none)
build-jobs-zero = --jobs 0: at least one edition must be built at a time
build-jobs-zero-hint = leave --jobs out to use every core
build-emit-typst-failed = error: --emit-typst failed; nothing in { $out } was changed
build-failed-unchanged = error: the build failed; nothing in { $out } was changed
wrote-file = wrote { $file }
build-failed-nothing = error: the build failed; no output was written
batch-errors = errors; nothing was written
batch-preflight-errors = preflight found { $errors }; nothing was written
batch-emit-typst-failed = --emit-typst failed; nothing was written
batch-output-failed = its output failed; nothing of it was written
batch-collision = { $a } and { $b } would write the same output files ({ $name } / { $other })
batch-skipped = note: skipped { $path }: not an edition folder
batch-built = [{ $n }/{ $total }] built { $path } ({ $pages })
batch-failed-one = [{ $n }/{ $total }] FAILED { $path }: { $why }
batch-names-collide = output names collide; not built
batch-names-collide-hint = rename one edition folder, or build them into different --out folders
batch-summary = built { $built } of { $total } editions ({ $files } files) in { $seconds } s with { $jobs } jobs
batch-failed = error: { $failed } of { $total } editions failed:

## Command output (src/cmd/mod.rs)

more-warnings = warning: { $n } more { $code } { $n ->
    [one] warning like these
   *[other] warnings like these
    } (`folio check --format json` lists every one; `folio proof` marks them on the pages)

## Placement (src/layout/place.rs)

place-not-rectangle = page { $page }: the space the hand-placed blocks leave for the stories without a [block] is not one rectangle
place-not-rectangle-hint = folio places stories in one rectangle of the page: give the stories around the gap a [block] by hand, or move the hand-placed blocks to one side or the top
place-too-many = page { $page }: { $stories } stories without a [block] on a { $columns }-column, { $lines }-line area are more than folio places at once (at most { $max } stories)
place-too-much = page { $page }: placing its { $stories } stories on a { $columns }-column, { $lines }-line area takes more work than folio spends on a page (their copy is long, the grid fine)
place-too-many-hint = give some of the page's stories a [block] by hand (folio places the rest below them), or move stories to another page
place-across-many = page { $page }: { $first } already runs across the centre spread; one story runs across it
place-across-many-hint = remove `across` from all but one story of the page
place-across-areas = pages { $page } and { $right }: a story runs across the centre spread, but the space the hand-placed blocks leave on the two pages does not meet at the fold on the same lines
place-across-areas-hint = leave both pages free from the same line down to the same line on either side of the fold (or give the story its [block] by hand)
place-across-none = pages { $page } and { $right }: no block across the centre spread holds { $story } with the two pages' other stories filling what it leaves
place-across-none-hint = change the copy (`folio place` without `across` shows what each page lacks or has over), widen the story's span bounds (`min_span`, `max_span` count the spread's columns), or give it its [block] by hand
place-across-nearest = that is with { $story } across the fold (`across = true`) from page { $page }'s column { $first } to page { $right }'s column { $last }, { $lines } lines from line { $top }: the 跨版 block that leaves the two pages nearest to placing
place-min-span = page { $page }: { $story } asks for at least { $min } columns (`min_span`), but the stories folio places there share { $columns } columns
place-min-span-hint = lower `min_span` to { $columns } or less, or make room: move the hand-placed blocks that narrow the page
place-no-copy = page { $page }: { $story } has no copy, and folio places stories by their copy
place-no-copy-hint = write the story's body, or give it a [block] by hand
place-over = page { $page }: the copy of its { $stories } { $stories ->
    [one] story
   *[other] stories
    } is about { $chars } characters over its space ({ $columns } columns × { $lines } lines)
place-over-hint = cut about { $chars } characters (e.g. from { $from }), or { $drop }, or give a story a [block] by hand
place-drop-any = drop a story from the page
place-drop-story = drop { $story } from the page (the others then place)
place-drop-two = drop { $first } and { $second } from the page (no one story is enough; without those two the others place)
place-and = {" and "}
place-short = page { $page }: the copy of its { $stories } { $stories ->
    [one] story
   *[other] stories
    } is about { $chars } characters short of its space ({ $columns } columns × { $lines } lines)
place-short-hint = add about { $chars } characters or a photo, or move a story to the page
place-as-briefs = set the short items ({ $list }) as one column of briefs (简讯): one story with `briefs = true`, each item a `[[sections]]` entry with its `head` and `body` (see README.md, "Content format", `briefs`)
place-reordered = page { $page }: no layout keeps the stories in their listed order; folio reads them as { $order }
place-reordered-hint = give the stories `priority` (1, 2, …) to fix an order, or lengthen or shorten a story by a few lines; `folio place --write` writes these blocks ({ $order }) into the story files
place-no-arrangement = page { $page }: its { $stories } stories fill about the space they have, but no arrangement of whole blocks fits every story without a hole or overset
place-no-arrangement-hint = give another story `priority = 1` (folio tried the other stories in other orders), lengthen or shorten a story by a few lines, { $widen }or give a story a [block] by hand
place-widen-span = widen a story's `min_span`–`max_span` range,{" "}
place-max-span-cut = { $story } is held to { $most } { $most ->
    [one] column
   *[other] columns
    } by its `max_span = { $most }` ({ $at }): a wider block holds more of its copy. Raise `max_span` (or take it out) and place again before cutting { $chars } characters from it
place-jump = { $story } is long for this page: a desk continues such a story on a later page (转版) rather than cut { $chars } characters — give it a [block] here and a [[jumps]] block there (folio does not choose jumps itself)
place-fix-from-at = about { $chars } characters from { $story }{ $at }
place-cut-paragraphs = {" "}({ $n ->
    [one] its last paragraph
   *[other] its last { $n } paragraphs
  }, 「{ $text }…」)
place-cut-sentence = {" "}(from 「{ $text }…」 to its end)
place-cut-within = {" "}({ $lines ->
    [one] its last line
   *[other] its last { $lines } lines
  }, from 「{ $text }…」 — inside a sentence: end the one before)
place-fix-from-all = all of { $story } (its { $total } characters): drop it from the page
place-fix-from-most = about { $chars } characters from { $story } — of its { $total }, most of it: dropping it may read better
place-fix-to = about { $chars } characters to { $story }
place-fix-cut = cut { $list }
place-fix-add = add { $list }
place-list-sep = {", "}
place-fix-sep = {"; "}
place-over-nearest-hint = { $fix } (what the nearest arrangement of whole blocks needs), or { $drop }, or give a story a [block] by hand
place-short-nearest-hint = { $fix } (what the nearest arrangement of whole blocks needs), or add a photo, or move a story to the page
place-flaw-heads = { $n } { $n ->
    [one] pair
   *[other] pairs
    } of heads side by side (碰题)
place-flaw-narrowed = { $n } { $n ->
    [one] photo
   *[other] photos
    } set narrower than folio's default
place-flaw-legs = { $n } long { $n ->
    [one] leg
   *[other] legs
    } of copy (长腿)
place-flaw-breaks = { $n } { $n ->
    [one] widow or orphan
   *[other] widows or orphans
    }
place-flaw-lead = the lead narrower than another story
place-flaw-lead-shrunk = the lead and its photo narrowed to half the page or less to hold the copy
place-flaw-big-heads = { $n } { $n ->
    [one] head
   *[other] heads
    } larger than { $n ->
    [one] its story's copy warrants
   *[other] their stories' copy warrants
    }
place-flaw-widened = { $n } { $n ->
    [one] photo
   *[other] photos
    } set wider than folio's default
place-flaw-ladder = a ladder of { $n } stories stacked across the page, a few lines a column under each head (阶梯)
place-flaw-none = with none of them
place-flaw-remain = with { $list }
place-better-with-cuts = page { $page } places, but with { $before }; { $changes } and it places { $after }
place-better-with-cuts-hint = cut from the ends of the stories (or as much elsewhere in them), add to those to lengthen, and place the page again; or keep it as it is
place-change-cut = cut { $list }
place-change-add = add { $list }
place-change-sep = {" and "}
place-no-arrangement-nearest-hint = the nearest arrangement needs: { $fix }; or give another story `priority = 1` (folio tried the other stories in other orders), { $widen }or give a story a [block] by hand

## folio place (src/cmd/place.rs)

place-failed = error: the stories could not be placed; no file was changed
place-nothing = every story of { $edition } has a [block]; nothing to place
place-page = page { $page }:
place-vertical-size = (set vertically, the head prints a size larger: { $size } pt)
place-photo-crop = (the box shows { $share }% of the picture's { $part })
place-cannot-edit = cannot edit { $file }: { $error }

## Project and files (src/project.rs)

project-cannot-open-root = cannot open project root { $path }: { $error }
project-cannot-open-root-hint = pass --root a folder that holds layouts/ and fonts/
project-cannot-open = cannot open { $path }: { $error }
project-cannot-open-edition-hint = pass an existing edition directory, e.g. content/jiangxi-special
project-none = no folio project around { $path }: no parent folder has a { $layouts }/ folder
project-none-hint = run folio inside a project (a folder with layouts/ and fonts/), or pass --root
project-no-layouts = { $path } has no { $layouts }/ folder
project-no-layouts-hint = the project root must hold the Typst templates in layouts/
check-the-path = check the path
project-outside = { $path } is outside the project root { $root }
project-outside-hint = folio reads only files under the project root; move it in or pass --root
path-empty = the path is empty
path-absolute = the path "{ $path }" is absolute; folio reads only files inside the project root
path-not-plain = the path "{ $path }" is not a plain relative path
path-escapes = the path "{ $path }" escapes the project root
path-symlink-out = the path "{ $path }" is a symlink that points outside the project root
limit-toml = a TOML file (edition, story or formats)
limit-template = a template
limit-photo = a photo
limit-font = a font file
limit-font-cache = the font scan cache
limit-manifest = an output folder's manifest.json
limit-photo-cache = the photos' measurements cache
limit-words-cache = the headline words cache
file-kind-directory = a directory
file-kind-fifo = a FIFO (named pipe)
file-kind-socket = a socket
file-kind-char-device = a character device
file-kind-block-device = a block device
file-kind-other = a special file
read-not-regular = { $path } is { $kind }, not a regular file
read-too-large = { $path } is { $size }, above folio's limit of { $limit } for { $what }
read-not-found = { $path } does not exist
read-directory-hint = name a file, not a folder
read-not-regular-hint = folio reads only regular files (never pipes, devices or sockets): put the file itself there
read-too-large-hint = { $what } may be at most { $limit }: split it or make it smaller (see README.md, "Limits")
read-io-hint = check that the file is readable
project-cannot-create = cannot create { $path }: { $error }
project-check-out = check the --out folder

## Photo files (src/input/photos.rs)

photo-damaged-hint = replace the file with a readable JPEG or PNG (open it in a photo editor and save it again)
photo-save-as-hint = save it as JPEG or PNG (e.g. File › Export as JPEG in the photo editor) and point `file` at the new file
photo-other-format = it is a { $format } file (folio goes by a file's content, not its name); folio prints JPEG and PNG photos only
photo-empty = it is empty (0 bytes)
photo-not-image = it is not an image: its content is neither JPEG nor PNG (folio goes by a file's content, not its name)
photo-zero-size = it declares { $width }×{ $height } pixels: an empty picture
photo-too-big = it is { $width }×{ $height } pixels ({ $megapixels } megapixels), more than folio's budget of { $budget } megapixels per photo (at most { $side } pixels a side)
photo-too-big-hint = scale it down to at most { $width }×{ $height } pixels (300 ppi at its printed size is plenty for the press) and save it again
photo-damaged = it is damaged: { $error }
photo-truncated = it is damaged or truncated: { $error }
photo-cannot-open = cannot open it: { $error }
photo-not-whole = it is damaged or not a whole { $format } file: { $error }
photo-limits = it cannot be decoded within folio's limits: { $error }

## Photo files, animated

photo-apng = it is an animated PNG (APNG); folio prints still photos only
photo-icc-too-big = its colour profile (ICC, in the PNG's iCCP chunk) unpacks to more than { $limit }: the file is damaged or made to exhaust memory

## Page formats (src/input/grid.rs)

unit-body-chars = body characters
unit-times-body = × the body size
format-real-range = `{ $key }` = { $value } is out of range: { $lo }–{ $hi } { $unit }
format-int-range = `{ $key }` = { $value } is out of range: { $lo }–{ $hi }
format-top-lines-range = `{ $key }` = { $value } is out of range: 0–{ $max } (fewer than the page's { $lines } lines)
format-label-empty = `label` is empty
format-heads = `heads` must list the headline sizes largest first, each for a narrower `span` than the one before and with a smaller `size` (6–200 pt) and no larger `min_chars`, the last for `span = 1`, at most 12
format-area-too-big = the type area ({ $width } × { $height } mm) does not fit the trim ({ $trim_width } × { $trim_height } mm)
formats-none = layouts/formats.toml defines no page format
formats-none-hint = define at least one, e.g. [broadsheet] with its trim, columns and lines
formats-error = format { $format }: { $message }
formats-error-hint = fix `{ $key }` in the [{ $format }] table of layouts/formats.toml

## folio import: the plan (src/input/import/plan.rs)

import-not-edition = { $dir } is not an edition (no { $file })
import-not-edition-hint = give --into an edition folder; start one with folio new FOLDER
import-html = HTML { $markup } → “{ $text }”
import-html-removed = HTML { $markup } removed (a tag, or a space Chinese copy does not print)
import-markdown-image = Markdown image { $markup } left out (no copy; give the photo with --photo)
import-read-as-text = { $encoding } text
import-read-as-word = a Word document
import-read = { $file }: read as { $how }; { $stories }
import-looks-like-verse = the copy looks like verse ({ $lines } short lines in a row that end no sentence): import it with --verse to keep its lines (they are guessed as heads and subheads below)
import-cannot-read-photo = cannot read the photo { $file } ({ $error })
import-caption-no-photo = caption without a photo; written commented out in { $file } (give --photo FILE)
import-photo-names = two photos of this import are both named { $name }
import-photo-names-hint = rename one of the photo files
import-photo-exists = { $file } exists and holds another photo
import-photo-exists-hint = rename the photo, or pass --force to overwrite it
import-story-exists = { $file } exists
import-story-exists-hint = rename the input file, or pass --force to overwrite the story file
import-image-no-caption = {"  "}image { $n } of { $file } has no caption; not imported
import-photo-no-caption = no caption is left for the photo { $file }
import-photo-no-caption-hint = give one --photo per photo caption (a caption is a line such as `说明 某某摄`)
import-bad-toml = { $file } is not valid TOML: { $error }
import-bad-toml-hint = fix it (folio check names the line) and import again
import-no-page = { $file } has no page { $page }
import-no-page-hint = its pages are { $pages }; add a [[pages]] table with number = { $page }, or pick one of them

## folio import: inputs (src/input/import/mod.rs)

import-not-importable = { $file } is not a file folio can import
import-not-importable-hint = import .docx, .txt or .md files
import-no-text = the file holds no text (nothing but white space, or HTML with no copy in it)
import-no-text-hint = import a file with the story's copy
import-no-headline = no headline found for the story starting at { $unit } { $line }
import-no-headline-hint = put the headline on a line of its own before the copy

## folio import: text files (src/input/import/text.rs)

import-bad-bom = { $file } starts with a { $encoding } byte-order mark but is not valid { $encoding }
import-bad-bom-hint = save the file again as UTF-8 or UTF-16
import-bad-encoding = { $file }:{ $line }:{ $col }: the text is neither UTF-8, UTF-16 or UTF-32 (with a BOM), GB18030/GBK nor Big5
import-bad-encoding-hint = save the file as UTF-8 (or as GBK/GB18030) and import it again

## folio import (src/cmd/import.rs)

import-nothing = error: nothing was imported
would-write-file = would write { $file }
import-page-lists = page { $page } lists the stories; folio build { $edition } places them
import-add-to-page = add the stories to a page's list in edition.toml (or import with --page N)

## folio watch (src/cmd/watch.rs)

watch-later = { $summary } (the spread PDF and proofs { $ms } ms later)
watch-rebuild-failed = rebuild failed: { $errors }; the last good output in { $out } stays as it was
watch-build-failed = build failed: { $errors }; nothing written, watching for changes

## folio watch summaries (src/session/watch.rs)

watch-no-page-changed = no page changed
watch-page-changed = page { $page } changed
watch-pages-changed = pages { $pages } changed
watch-wrote = ; wrote { $files }
watch-built = built in { $ms } ms: { $what }{ $wrote }
watch-rebuilt = rebuilt in { $ms } ms: { $what }{ $wrote }

## folio fonts (src/cmd/fonts.rs)

fonts-none-in = { $path } holds no font folio can read (.ttf, .otf, .ttc or .otc)
fonts-none-in-hint = put the project's fonts there (the bundled ones are in the repository's fonts/ folder), or pass --font-path to the folder that has them
fonts-not-folder = { $path } is not a folder
fonts-not-folder-hint = run folio fonts in the project root, or pass --font-path
fonts-family = { $family } ({ $faces }: { $names })
count-faces = { $n ->
    [one] 1 face
   *[other] { $n } faces
    }
fonts-face-index = { $file } (face { $index })
fonts-no-face = no face has { $chars } ({ $codes })
fonts-no-face-hint = add a font that has it to { $path } (folio never takes one from the system unless --system-fonts)

## folio extract (src/cmd/extract.rs)

extract-extracted = extracted { $file }
extract-rebuild = rebuild with: folio build { $edition } --archive --font-path FONTS (fonts are not in the archive)

## folio new (src/cmd/new.rs)

new-story-wrote = wrote { $file }; fill it in and add its name to a page's stories list in edition.toml
new-created = created { $dir }; edit its edition.toml and stories, then run folio build { $dir }
new-name-folder = name the new edition's folder
new-name-folder-hint = e.g. folio new content/2026-12-02
new-exists = { $path } already exists
new-exists-edition-hint = name a new folder; folio new never overwrites an edition
new-name-unsafe = the edition's folder name { $name } holds { $code }, which no archive can carry back
new-name-unsafe-hint = name the folder with letters, digits, Chinese, `-` or `_` (no `:`, `\` or control characters)
new-from-hint = pass --from an edition directory
new-format-hint = use one of: { $formats } (the tables of layouts/formats.toml)
new-not-toml = { $file } is not a .toml file name
new-not-toml-hint = story files end in .toml, e.g. stories/dushan.toml
new-exists-story-hint = name a new file; folio new never overwrites a story

## folio proof (src/cmd/proof.rs)

proof-dpi-range = error: --dpi { $dpi } is out of range
proof-dpi-range-hint = give a resolution between { $min } and { $max } dots per inch, e.g. --dpi 100
proof-failed = error: the edition did not compile; no proofs were written

## Photos in their blocks (src/layout/compile.rs)

photo-height-no-room = photo { $file }: a height of { $lines } lines leaves no room for the picture above its caption
photo-height-no-room-hint = give it height = { $min } or more (photo and caption, in grid lines)
photo-row-fix = make row + height at most { $avail }: row = { $row } or less, a smaller height, or a taller block
photo-row-fix-height = give it height = { $avail } or less and row = 0, or make the block taller
photo-row-outside = photo { $file } at row { $row }, { $lines } lines tall (photo and caption), reaches line { $reaches } under the head, but the story's block has { $avail } lines there (rows 0–{ $last })
photos-overlap = photo { $file } would be printed over photo { $other }: their boxes share columns and lines of the story's block
photos-overlap-hint = give the later one a `row` below the other's caption, another `column`, or leave its `row` out: photos at the foot of the copy stand one on another
photo-over-lead = photo { $file } would be printed over the story's lead box: its `row` puts it in the box's columns and lines
photo-over-lead-hint = give it a `row` below the lead box, another `column` (past the box's `span`), or leave its `row` out: at the foot of the copy
photo-too-tall = photo { $file } is { $lines } lines tall (photo and caption), but the story's block has { $avail } lines under its head
photo-too-tall-hint = give it height = { $avail } or less, or make the block taller
photo-aspect-too-tall = photo { $file } needs { $lines } lines at { $columns } columns (from its aspect ratio, with its caption), but the story's block has { $avail } lines under its head
photo-too-tall-above = photo { $file } is { $lines } lines tall (photo and caption), but above its head the story's block has { $avail } lines for it
photo-aspect-too-tall-above = photo { $file } needs { $lines } lines across its block (from its aspect ratio, with its caption), but above its head the story's block has { $avail } lines for it
photo-aspect-too-tall-above-hint = make the block taller, give the photo height = { $avail } or less (the picture is cropped to fit), or place it in the copy instead of above the head (remove `above_head`)
photo-aspect-too-tall-hint = give it height = { $avail } or less (the picture is cropped to fit), span fewer columns, or make the block taller
photo-not-in-project = it cannot be found inside the project root
photo-typst-unreadable-hint = open it in a photo editor and save it again as a baseline JPEG or a PNG

## Fonts (src/layout/fonts.rs)

fonts-no-folder = the project { $root } has no fonts folder ({ $dir } does not exist): folio sets every page with the fonts there
fonts-no-folder-extract-hint = a project written by `folio extract` has none: an archive does not carry fonts
fonts-no-folder-hint = pass --font-path DIR with the fonts the edition was built with (folio's fonts/ folder)
fonts-folder-missing = the fonts folder { $dir } does not exist
fonts-folder-missing-hint = pass --font-path DIR with a folder that holds the fonts the templates use (folio's fonts/ folder)
fonts-from-system = the fonts folder { $dir } has no { $family } { $variant }: it was taken from this machine's fonts ({ $path })
fonts-from-system-hint = put the font file into { $dir } (or pass --font-path DIR) so the pages do not depend on the machine that builds them
fonts-no-family = a template sets text without naming a font family ({ $faces }), and folio never picks one itself
fonts-no-family-hint = name the family in the template, e.g. `set text(font: st.serif)` (layouts/style.typ lists the families)
fonts-family-missing-faces = the templates ask for the font family "{ $family }" ({ $faces }), but the fonts folder { $dir } has no font of that family
fonts-face-missing = the templates ask for { $family } { $faces }, but the fonts folder { $dir } has only { $has }
fonts-never-substitute-hint = folio never sets text in another weight, style or family than the template asks for
fonts-add-face-hint = add the font file with this face to { $dir }, or pass --font-path DIR with a folder that has it (`folio fonts --font-path DIR` lists a folder's faces)
fonts-family-missing = the templates ask for the font family "{ $family }", but the fonts folder { $dir } has no font of that family
fonts-add-family-hint = add the font files of "{ $family }" to { $dir }, or pass --font-path DIR with a folder that has them
fonts-in-folder = in the fonts folder: { $message }
fonts-in-folder-hint = remove it from the fonts folder, or pass --font-path DIR with a folder of font files

## folio serve (src/cmd/serve.rs)

serve-bad-host = --host { $host } is not an IP address
serve-bad-host-hint = give an address, e.g. --host 127.0.0.1 (the default) or --host 0.0.0.0 for every interface
serve-open-host = listening on { $ip }, not only on this machine: anyone who can reach it sees the pages (they still cannot reach any file)
serve-open-host-hint = leave --host out to listen on loopback only
serve-cannot-start = cannot start the server ({ $error })
serve-cannot-listen = cannot listen on { $ip }:{ $port } ({ $error })
serve-cannot-listen-hint = another program may use the port: pick another with --port N, or --port 0 for any free one
serve-serving = serving { $edition } at { $url } (Ctrl-C stops)
serve-no-browser = could not open a browser ({ $error })
serve-no-browser-hint = open { $url } yourself
watch-cannot-watch = cannot watch files: { $error }
serve-stopped = the server stopped ({ $error })

## folio watch: failures


## folio schema (src/cmd/schema.rs)

schema-name-one = name the schema to print, or a folder to write all three into
schema-name-one-hint = folio schema edition (or story, formats), or folio schema --out schema
file-read-only = { $file } is read-only: folio would write the blocks it chose into it
file-read-only-hint = make it writable (chmod u+w), or run folio place without --write to see the blocks; no story file was changed
file-unchanged-hint = no story file was changed
cannot-write = cannot write { $file } ({ $error })

## folio man (src/cmd/manual.rs)

man-wrote = wrote the manual pages into { $dir }
man-cannot-write = cannot write the manual to { $place } ({ $error })

## Copyfit changes (src/check/preflight.rs)

copyfit-tracking = tracking { $change }
copyfit-leading = leading { $change }
copyfit-photo = photo { $change } lines

## Proofs (src/output/proof.rs)

proof-too-many-pixels = --dpi { $dpi } would render a { $width_mm } × { $height_mm } mm sheet of this edition as { $width } × { $height } pixels ({ $mpx } Mpx), above folio's limit of { $limit } Mpx for one image
proof-too-many-pixels-hint = give --dpi { $dpi } or less for this edition (see README.md, "Limits")
proof-template-missing = layouts/{ $file } is missing: folio proof draws its marks with it
proof-template-missing-hint = copy layouts/proof.typ from folio's repository into the project's layouts/

## Export (src/output/export.rs)

png-too-many-pixels = a { $width } × { $height } pixel proof is above folio's limit of { $limit } Mpx for one image
png-too-many-pixels-hint = give { $dpi } dpi or less (see README.md, "Limits")
epoch-not-number = SOURCE_DATE_EPOCH is "{ $value }", not a whole number of seconds
epoch-not-number-hint = set it to seconds since 1970-01-01 UTC (e.g. `git log -1 --format=%ct`), or unset it to use the edition's date
epoch-range = SOURCE_DATE_EPOCH { $value } is out of range
epoch-range-hint = use seconds between 1970 and 9999

## Press plates (src/output/press.rs)

press-bleed-impossible = a bleed of { $mm } mm is not possible
press-bleed-impossible-hint = give --bleed in mm, from 0 to { $max }
press-format-bleed = format { $format } with a bleed of { $mm } mm: { $message }

## Writing files

cannot-write-in = cannot write in { $dir } ({ $error })

## folio import: writing


## folio new: writing

new-inside-source = cannot make { $path } from { $from }: one is inside the other (the copy would copy itself)
new-inside-source-hint = make the new edition beside the one it copies, e.g. in content/
new-cannot-copy = cannot copy { $path }: { $error }
new-cannot-update-schema = cannot update the #:schema lines: { $error }
new-cannot-write-schemas = cannot write the schemas ({ $error })

## Words

word-or = {" or "}

## Templates (src/layout/compile.rs)

template-error = layouts/{ $file }: { $error }
galley-order-hint = the galley template must set each piece on a page of its own, in the order of the data
photo-budget-hint = build the edition in parts (one edition folder per section or group of pages), or lower [preflight] target_ppi so photos are served smaller
template-page-count = layouts/{ $file } made { $made } pages instead of { $want }
template-page-count-hint = the template must draw each page (or spread) of the data exactly once
template-sheet-count = layouts/{ $file } made { $made } sheets instead of { $want }
template-sheet-count-hint = the template must draw each spread of the data exactly once

## folio import: what was guessed, story file comments, .docx (src/input/import/*; issue #15)

import-unit-line = line
import-unit-paragraph = paragraph
import-role-kicker = 引题 kicker
import-role-headline = 主题 headline
import-role-deck = 副题 deck
import-role-byline = byline
import-role-dateline = dateline
import-role-lead = lead box
import-role-head = subhead (level 1)
import-role-subhead = subhead (level 2)
import-role-table-row = table row
import-role-caption = photo caption
import-role-attribution = attribution
import-role-joined = joined
import-role-new-story = new story
import-role-banner = page banner
import-banner-set = page { $page } gets the banner { $banner }
import-placeholder-dropped = page { $page } no longer lists { $file }, folio new's placeholder story (the file is kept)
import-file-header = Imported by folio import from { $source } (lines { $first }–{ $last }); no [block]: folio places it.
    Check the heads, byline, subheads and captions it guessed (the import printed them).
import-file-banner = Page banner at line { $line } of the input (not part of the story): { $banner }
    It belongs to the page: banner = "…" in its [[pages]] table of edition.toml (folio import --page N sets it there).
import-file-caption-no-photo = Photo caption at line { $line } of the input, without a photo: give its file (folio import --photo)
    and uncomment.
import-docx-unreadable = { $file } is not a readable Word document: { $reason }
import-docx-unreadable-hint = open it in Word or WPS and save it again as .docx (not .doc)
import-docx-not-utf8 = { $part } is not UTF-8
import-docx-no-document = it has no { $part }

## folio import: limits and checks before anything is written (src/input/import/*; session 40)

limit-import-text = a text file to import
limit-import-docx = a Word document to import
import-docx-limit-hint = a newspaper story's document is far below the limit: the file is damaged or made to exhaust memory; open it in Word or WPS and save it again (see README.md, "Limits")
import-docx-too-many-entries = { $file } is not a readable Word document: its ZIP holds { $entries } entries, above folio's limit of { $max }
import-docx-part-too-big = { $file } is not a readable Word document: { $part } unpacks to more than { $limit }, folio's limit for that part
import-docx-too-much = { $file } is not a readable Word document: its parts unpack to more than { $limit } together (at { $part }), folio's limit for a document
import-docx-too-deep = { $file } is not a readable Word document: { $part } nests its elements more than { $max } deep (line { $line } of the part)
import-docx-too-many-nodes = { $file } is not a readable Word document: { $part } has more than { $max } XML nodes
import-story-refused = { $unit } { $line }: the story file { $story } would be refused by folio build: { $error }
import-story-refused-hint = change { $file } there and import again (nothing was written)
import-image-refused = its image { $image } (for the caption at { $unit } { $line }) cannot be printed: { $error }
import-image-refused-hint = in the document, replace the picture with a JPEG or PNG one, or delete it there and give the photo with --photo
import-photo-refused = it cannot be printed as a photo: { $error }

## Archive copy and folio extract (src/output/archive.rs; issue #15)

archive-outside-root = { $file } is outside the project root
archive-outside-root-hint = the archive carries only files under the project root
archive-name-unsafe = { $file } cannot go into the archive under its name: { $why }
archive-name-unsafe-hint = rename the folder or file (no `:`, `\` or control characters in a name) so that `folio extract` can write it back
archive-failed = archive: { $error }
archive-standard-failed = archive ({ $standard }): { $error }
archive-bug-hint = this is a bug in folio's PDF/A post-processing; please report it
archive-cmyk-photo = cannot re-encode a CMYK photo for PDF/A: { $error }
unit-bytes = { $n } bytes
attachment-unreadable = not a readable PDF: { $error }
attachment-no-catalog = no catalog: { $error }
attachment-not-relative = attachment { $name } is not a plain relative path (no leading `/`, no `..` or `.`, no `\` or `:`, no empty parts)
attachment-control-character = attachment { $name } has the control character { $code } in its name
attachment-duplicate = two attachments are named { $name }
attachment-folder-clash = attachments { $other } and { $name } cannot both be written: one would be a folder holding the other
attachment-declares-too-much = attachment { $name } declares { $size } (/Params /Size); the limit per attachment is { $limit }
attachment-inflates-beyond-declared = attachment { $name } inflates to more than the { $size } it declares (/Params /Size; the limit per attachment is { $limit })
attachment-inflates-beyond-limit = attachment { $name } inflates to more than { $limit }, the limit per attachment
attachment-short = attachment { $name } inflates to { $actual } bytes but declares { $declared } (/Params /Size): it is damaged
attachment-too-many = the archive has { $total } attachments; the limit is { $limit }
attachment-total-too-large = the attachments come to { $total } in all; the limit for one archive is { $limit }
attachment-damaged = attachment { $name } is damaged: { $error }
attachment-tree-too-deep = the attachment name tree is too deep
attachment-no-name = an attachment has no file name
attachment-name-not-text = an attachment's name is not valid text: { $name }
attachment-no-file = attachment { $name } has no embedded file
attachment-bad-size = attachment { $name } declares a size that is not a whole number of bytes
extract-not-folio-hint = folio extract reads archives written by folio build --archive; this one was changed or not made by folio. Nothing was written
extract-name-archive-hint = name an archive PDF written by folio build --archive
extract-too-large = { $file } is { $size }; folio extract reads archives of at most { $limit }
extract-no-sources = { $file } has no attached sources
extract-no-sources-hint = only archives built with --archive (and without --no-attach) carry their sources
extract-not-folder = { $dir } exists and is not a folder
extract-not-folder-hint = extract into a new or empty folder
extract-not-empty = { $dir } exists and is not empty
extract-not-empty-hint = extract into a new or empty folder; folio extract never overwrites files
extract-cannot-write = cannot write { $file } (attachment { $name }): { $error }
extract-create-hint = extract into a new or empty folder; nothing was written
nothing-written-hint = nothing was written

## PDF post-processing, press plates, export, contact sheet (src/output/{archive,press,export,proof}.rs; issue #15)

pdf-post-unreadable = cannot read typst's PDF: { $error }
pdf-post-no-xmp = typst wrote no XMP metadata
pdf-post-cannot-compress = cannot compress { $what }: { $error }
pdf-post-cannot-write = cannot write the PDF: { $error }
pdf-post-encrypted = the PDF is encrypted
pdf-post-no-part = no { $part } dictionary: { $error }
press-plate-failed = press plate of page { $page }: { $error }
press-bug-hint = this is a bug in folio's PDF/X post-processing; please report it
export-pdf-failed = PDF export: { $error }
export-no-page = no page { $index }
export-png-failed = PNG encoding failed: { $error }
proof-contact-sheet-failed = contact sheet: { $error }

## The output folder and its manifest (src/output/manifest.rs; issue #15)

manifest-cannot-read-back = cannot read back { $file } for the manifest: { $error }
manifest-fix = restore it from a backup, or delete it and build every edition in this folder again to write a new one
manifest-unreadable-hint = folio keeps the list of the files in { $out } there; { $fix }
manifest-not-utf8 = { $file } is not UTF-8 text (bad byte at offset { $offset })
manifest-changed-hint = it was changed by something other than folio; { $fix }
manifest-not-folio = { $file } is not a folio manifest: { $reason }
manifest-nul = { $file } is not a folio manifest: it holds a NUL byte (at offset { $offset })
manifest-not-json = { $file } is not valid JSON: { $reason }
out-check-hint = check the --out folder
out-cannot-lock = cannot lock { $path }: { $error }
out-lock-hint = the --out folder must be on a file system that supports file locks
out-cannot-write-in = cannot write in { $dir }: { $error }
out-cannot-stage = cannot stage { $file }: { $error }
out-space-hint = check the --out folder (space, permissions)
out-cannot-sync = cannot sync { $file }: { $error }
out-cannot-commit = cannot commit the build in { $out }: { $error }
out-unchanged-hint = check the --out folder; nothing was changed
out-move-failed = moving the new files into { $out } failed: { $error }
out-move-failed-hint = the files not yet moved are in { $stage }; the next folio build into { $out } moves them into place first
out-name-clash = edition { $mine } would write its { $what } as { $path }, which { $manifest } lists as the { $theirs } of edition { $other }
out-name-clash-hint = rename the edition folder { $edition }, or build it into another --out folder; nothing was written
unit-pages-pdf = pages PDF
unit-spread-pdf = spread PDF
unit-archive-copy = archive copy
unit-png-proof = PNG proof
unit-press-plate = press plate
unit-output = output
out-in-the-way-file = { $path } is in the way: folio writes { $target } inside it, but it is not a folder
out-in-the-way-folder = { $path } is in the way: folio writes a file there, but it is a folder or a special file
out-in-the-way-hint = move { $path } away, or build into another --out folder; nothing was written
out-recovered = note: finished moving the files of an interrupted build into { $out } ({ $name })
out-cannot-recover = warning: cannot finish the interrupted build { $path }: { $error }
out-not-folder = the output folder { $path } is a file, not a folder
out-not-folder-hint = pass --out a folder (folio makes it if it does not exist), or move the file away
out-foreign-journal = { $path } is not a journal folio wrote: it names { $entry }, which is not a plate inside the output folder (a journal removes plates and moves files into the folder, nothing else); nothing was done with it
out-foreign-journal-hint = remove the folder { $path } and build again (a journal left by an interrupted build names only plates and files inside the output folder)

## folio build --emit-typst (src/output/emit.rs; issue #15)

emit-cannot = cannot emit { $what }: { $error }
emit-cyclic-import = { $at }: cyclic import of { $file }
emit-not-json = cannot emit { $at }: it reads { $file } other than as json("…")
emit-not-json-hint = read folio's data files as json("{ $dir }/<name>.json") so they can be inlined
emit-not-path-import = cannot emit { $at }: only imports of a file path can be inlined
emit-package = cannot emit { $at }: package { $package } is not available offline
emit-outside-project = cannot emit { $at }: { $path } is not a path inside the project
emit-not-defined = cannot emit { $at }: { $name } is not defined in { $path }
emit-no-data = cannot emit { $at }: folio served no { $file } in this build
emit-bad-data = cannot emit { $at }: { $file }: { $error }

## folio serve: what the server answers (src/serve/http.rs; issue #15)

serve-forbidden-host = folio serve answers only requests to localhost or 127.0.0.1 (this one named another host)
serve-no-such-page = folio serve: no such page

## folio serve: the page in the browser (src/serve/assets/*; `{ $x }` is filled in by app.js)

ui-title = folio serve
ui-connecting = connecting…
ui-nav-pages = Pages
ui-prev = Previous spread (←)
ui-goto = Go to a spread
ui-next = Next spread (→)
ui-zoom = Zoom
ui-zoom-out = Zoom out (−)
ui-zoom-in = Zoom in (+)
ui-zoom-fit-title = Fit the spread to the window (0)
ui-zoom-fit = Fit
ui-zoom-fit-level = fit ({ $percent }%)
ui-zoom-level = { $percent }%
ui-blocks = Blocks
ui-blocks-title = Every story's block, its name and capacity
ui-findings = Findings
ui-findings-title = Preflight findings where they are on the page
ui-click-hint = Click a story's block or a finding to see its source.
ui-none = (none)
ui-rebuild-failed = rebuild failed: showing the last good pages
ui-build-failed = build failed
ui-built = built in { $ms } ms
ui-changed = { $built } · changed: { $pages }
ui-page-short = p.{ $page }
ui-building = building…
ui-page-label = { $page } 版 { $section }
ui-spread-option = p. { $pages }
ui-page-alt = page { $page }
ui-auto = auto
ui-lines-over = { $lines } lines over
ui-lines-short = { $lines } lines short
ui-to-spare = { $chars } to spare
ui-over = { $chars } over
ui-capacity = holds { $holds } / copy { $chars } chars ({ $sign }){ $fit }
ui-copy = Copy
ui-copy-title = Copy path:line
ui-copied = Copied
ui-open-editor = Open in VS Code
ui-detail-page = page
ui-detail-block = block
ui-detail-block-auto = placed by folio (自动组版)
ui-detail-block-hand = from the story file
ui-detail-copy = copy
ui-detail-copy-value = { $chars } characters ({ $lines } lines)
ui-detail-holds = holds
ui-detail-holds-value = { $holds } characters (lines × characters a line)
ui-detail-fit = fit
ui-detail-overset = { $lines } lines overset
ui-detail-underset = { $lines } empty lines under the columns
ui-detail-level = level
ui-detail-copyfit = copyfit
ui-finding-page = page { $page }
ui-errors-one = 1 error: { $why }
ui-errors-many = { $n } errors: { $why }
ui-errors-last-good = the pages below are from the last good build
ui-errors-nothing = nothing built yet
ui-severity-error = error
ui-severity-warning = warning
ui-disconnected = not connected to folio serve (is it still running?)
ui-bad-schema = folio serve: state schema { $got }, expected { $want }

## folio new: the comments of the skeletons it writes (src/cmd/new.rs; a line break continues the `#` comment)

new-skel-edition-intro =
    A new edition. Fill in the values marked 待填 (to fill in); every key is described in the
    README ("edition.toml"). Build it with: folio build <this folder>
new-skel-paper = the paper's name, printed in the masthead and every folio line
new-skel-format = a table of layouts/formats.toml
new-skel-full-width-brackets = set 案(事)件 as 案（事）件
new-skel-full-width-marks = set 获悉,今年 as 获悉，今年 (, : ; ? ! after Chinese)
new-skel-half-width-alnum = set ２０２３年ＧＤＰ as 2023年GDP
new-skel-house-words = names and terms a headline never breaks inside (用户词典)
new-skel-banner-comma-space = set a banner's 健康人生，绿色无毒 as 健康人生　绿色无毒
new-skel-preflight = the limits the preflight checks against
new-skel-masthead = The front page's masthead (报头). 农历 date and 今日N版 are computed.
new-skel-cn = 国内统一连续出版物号: CN, two digits, a hyphen, four digits
new-skel-logo = the paper's name as an image (SVG or PNG) instead of type
new-skel-masthead-true = 报头 in the top lines of the page
new-skel-ear =
    The ear (报眼) beside the masthead: 导读 items, or title = "…" with see = [2], or
    photo = "photos/….jpg" with caption = "…".
new-skel-whole-page =
    The whole page, by hand, while the copy is a placeholder: delete this [block] once the
    copy is written, and folio places the story itself (自动组版).
new-skel-story-intro =
    A story. Fill in the text, then add this file's name (without .toml) to a page's
    `stories` list in edition.toml. Without a [block] table folio places the story itself
    (自动组版); `folio place EDITION --write` writes the block it chose here.
new-skel-headline = the head; "\n" breaks it where you want
new-skel-kicker = above the head
new-skel-deck = under the head
new-skel-attribution = at the end of the copy, in brackets
new-skel-priority = 1 = the page's lead; default: the order in the page's list
new-skel-min-span = columns folio may give it (placement bounds)
new-skel-fit = copyfit: tracking and leading within [copyfit] bounds
new-skel-verse = a poem: each line of the copy a line in print, stanzas a blank line apart
new-skel-briefs = a column of briefs (简讯): each [[sections]] entry a brief, its head the brief's title
new-skel-body = Paragraphs are separated by an empty line.
new-skel-lead = 核心提示 / 编者按 box
new-skel-sections = a subhead and its copy
new-skel-photo-file = relative to the edition folder
new-skel-photo-credit = printed as "… 某某摄"
new-skel-photo-column = its first column, counted within the story's block
new-skel-photo-span = columns it spans
new-skel-photo-row = grid lines below the head it starts at (default: at the foot)
new-skel-photo-height = grid lines, photo and caption (default: from its proportions)
new-skel-photo-above-head = 题上图: across the top of the block, the head under it (instead of column, span and row; folio place may set it)
new-skel-block = where it goes, on the page's grid (leave out: folio places it)
new-skel-block-column = first column
new-skel-block-span = columns
new-skel-block-top = first grid line
new-skel-block-height = grid lines
new-skel-block-head-size = headline size in pt, one of the format's `heads` in layouts/formats.toml (default: the size for the span)

## The command line's help: --help, folio help, folio man (src/help.rs, from src/cli.rs's definition)
## help-<command>-about, help-<command>-examples, help-<command>-arg-<arg>, help-arg-<arg> (an
## argument described once for several commands), help-value-<arg>-<value>.

help-heading-usage = Usage:
help-heading-commands = Commands:
help-heading-arguments = Arguments:
help-heading-options = Options:
help-flag = Print help
help-flag-short = Print help (see more with '--help')
help-flag-long = Print help (see a summary with '-h')
help-flag-version = Print version
help-help-about = Print this message or the help of the given subcommand(s)
help-help-arg = Print help for the subcommand(s)
help-default = [default: { $value }]
help-possible-values = [possible values: { $values }]
help-possible-values-heading = Possible values:
help-possible-value = - { $value }: { $help }
help-section-name = NAME
help-section-synopsis = SYNOPSIS
help-section-description = DESCRIPTION
help-section-options = OPTIONS
help-section-subcommands = SUBCOMMANDS
help-section-extra = EXTRA
help-section-version = VERSION
help-section-authors = AUTHORS

help-folio-about = Turns a newspaper edition described in TOML into print-ready PDF pages through Typst templates
help-folio-arg-diagnostic-format = How errors and warnings are printed: human (the source line and hints, as Typst does) or short (one line each, `file:line:col: error: message`, for editors and CI logs)
help-value-diagnostic-format-human = Typst's style: the message, the file, line and column, the source line, the hints
help-value-diagnostic-format-short = One line each, `file:line:col: error: message`, for editors and CI logs (as `typst compile --diagnostic-format short`)
help-folio-arg-lang = Language of messages, hints, reports and this help: en or zh-CN (default: from LC_ALL, LC_MESSAGES or LANG, zh_* meaning zh-CN, else en)
help-value-lang-en = English
help-value-lang-zh-CN = Simplified Chinese

help-build-about = Build editions into PDF pages and spreads (and press plates and archive copies when asked)
help-build-examples =
    Examples:
      folio build content/jiangxi-special
      folio build content/* --press --marks --archive --out dist
help-build-arg-editions = Edition directories (each holds edition.toml). Several, e.g. content/*, build in parallel; one that fails does not stop the others
help-arg-root = Project root; default: the nearest parent folder with layouts/
help-arg-font-path = Fonts folder; default: <root>/fonts
help-arg-system-fonts = Also use the system's fonts (output then depends on the machine)
help-build-arg-press = Also write press plates: one PDF/X-4 file per page in OUT/<edition>-press/
help-build-arg-bleed = Bleed of the press plates in mm (0 allowed); default: the format's (layouts/formats.toml)
help-build-arg-marks = Draw crop and registration marks on the press plates, in a slug outside the bleed
help-build-arg-archive = Also write the archive copy OUT/<edition>-archive.pdf: PDF/A-3b with the sources attached
help-build-arg-no-attach = Archive without the sources attached (PDF/A-2b)
help-build-arg-jobs = Editions built at once when several are given; default: one per CPU core
help-build-arg-allow-overset = Write the PDFs even when copy is overset (the overset stays a warning in the report)
help-build-arg-allow-holes = Write the press plates even where the copy leaves white in the type area (a hole, an underset block), kept for something placed later; without it that white is an error with --press
help-arg-out = Output folder
help-build-arg-emit-typst = Also write a self-contained Typst file per document (templates and data inlined, photos copied) to this folder, for plain `typst compile`

help-check-about = Validate and compile an edition without writing anything
help-check-examples =
    Examples:
      folio check content/jiangxi-special
      folio check content/jiangxi-special --format json > report.json
help-arg-edition = The edition directory (it holds edition.toml)
help-check-arg-format = Report format: human (grouped by page and story) or json (schema folio-report/1)
help-check-arg-press = Check as folio build --press does: white the copy leaves in the type area (a hole, an underset block) is an error, as it is on the plates
help-value-format-human = Findings grouped by page and story, with source lines and hints
help-value-format-json = One JSON document (schema `folio-report/1`, see README.md)
help-arg-allow-overset = Report overset copy as a warning instead of an error

help-proof-about = Render proofs: every page and spread as PNG with the findings drawn on, and a contact sheet
help-proof-examples =
    Examples:
      folio proof content/jiangxi-special
      folio proof content/jiangxi-special --dpi 150 --out proofs
help-proof-arg-out = Output folder for the PNGs
help-proof-arg-dpi = Resolution of the page and spread PNGs (dots per inch, 10–600)
help-proof-arg-format = Report format of the findings printed alongside

help-fonts-about = List the font families folio sees
help-fonts-examples =
    Examples:
      folio fonts --variants
      folio fonts --char 堃
      folio fonts --font-path /srv/paper/fonts
help-fonts-arg-font-path = Fonts folder; default: ./fonts
help-fonts-arg-system-fonts = Also list the system's fonts
help-fonts-arg-variants = List every face (family, weight, style, width) with its file, not only the families
help-fonts-arg-char = List the faces that have a glyph for every one of these characters, e.g. --char 堃

help-new-about = Start a new edition as a copy of an existing one, dated today
help-new-examples =
    Examples:
      folio new content/2026-12-02
      folio new content/tabloid-0612 --from content/jiangxi-tabloid
      folio new content/2026-12-02 --format tabloid --front
      folio new story content/2026-12-02/stories/dushan.toml
help-new-arg-edition = The new edition's directory (must not exist)
help-new-arg-from = The edition to copy; default: content/jiangxi-special of the project (unless --format asks for a fresh skeleton)
help-new-arg-format = Write a fresh skeleton in this format (a name from layouts/formats.toml, e.g. tabloid or broadsheet) instead of copying an edition: edition.toml with its keys commented, one page and one story that builds at once
help-new-arg-front = With --format: page 1 is a front page, with masthead (报头), ear (报眼) and [masthead] lines
help-new-story-about = Write a story file with every key folio reads, commented, to fill in
help-new-story-arg-file = The new story file (must not exist), e.g. content/2026-12-02/stories/dushan.toml

help-extract-about = Write the sources attached to an archive PDF back out as a project
help-extract-examples =
    Examples:
      folio extract out/jiangxi-special-archive.pdf restored
help-extract-arg-archive = An archive PDF written by `folio build --archive`
help-extract-arg-dir = A new or empty folder; the sources are laid out in it as a project (DIR/layouts/…, DIR/content/<edition>/…)

help-watch-about = Rebuild an edition on every change to its TOML, photos, layouts or fonts
help-watch-examples =
    Examples:
      folio watch content/jiangxi-special
      folio watch content/jiangxi-special --png 50 --out preview
help-watch-arg-png = Also write a PNG proof of each changed page at this resolution (dots per inch, 10–600)
help-watch-arg-allow-overset = Overset copy is a warning, not an error (the pages are still written)

help-serve-about = Show the edition's pages in the browser, updated in place on every change, with every story's block, capacity and findings drawn over them
help-serve-examples =
    Examples:
      folio serve content/jiangxi-special --open
      folio serve content/jiangxi-special --port 8080
help-serve-arg-port = Port to listen on (0: any free port; the URL printed says which)
help-serve-arg-host = Address to listen on. Default: loopback only. Any other address lets other machines see the pages (folio warns)
help-serve-arg-open = Open the preview in the default browser
help-serve-arg-out = Output folder: the pages and spread PDFs are written there on every good build, as `folio watch` does
help-serve-arg-allow-overset = Overset copy is a warning, not an error (the pages are still shown and written)

help-place-about = Place the stories that have no [block] (自动组版) and print the blocks chosen; with --write, write them into the story files
help-place-examples =
    Examples:
      folio place content/jiangxi-special
      folio place content/jiangxi-special --write
help-place-arg-write = Write the chosen blocks into the story files' [block] tables (comments and layout kept; `vertical = true` where folio set a head vertically), so the editor can refine them and the next build is stable

help-import-about = Turn copy (.docx, .txt, .md) into story files of an edition, guessing heads, byline, lead box, subheads, captions and attribution; print the guesses with the input's lines
help-import-examples =
    Examples:
      folio import dushan.docx --into content/2026-12-02 --page 1
      folio import a.txt b.md --into content/2026-12-02 --dry-run
help-import-arg-files = The copy: .docx, .txt or .md files (text in UTF-8, UTF-16 or UTF-32 with a BOM, GB18030/GBK or Big5)
help-import-arg-into = The edition the stories go into (its folder, with edition.toml); story files are written to its stories/ folder, named after the input (dushan.txt → stories/dushan.toml)
help-import-arg-page = Add the stories to this page's list in edition.toml
help-import-arg-photo = A photo for the next caption that has none (in the order of the inputs; repeatable); it is copied into the edition's photos/ folder. A .docx's own images come first
help-import-arg-force = Overwrite story and photo files that exist
help-import-arg-dry-run = Print what would be written and guessed, and write nothing
help-import-arg-verse = The copy is verse (a poem for a 副刊 page): its body keeps every line, a blank line parts two stanzas, and the stories are set as verse (`verse = true`)

help-schema-about = Print the JSON Schema of edition.toml, of a story file or of layouts/formats.toml (for TOML editors), or write all three into a folder
help-schema-examples =
    Examples:
      folio schema edition
      folio schema story --out story.schema.json
      folio schema --out schema
help-schema-arg-kind = Which file's schema; without it, --out names a folder and all three are written there
help-value-kind-edition = `edition.toml`
help-value-kind-story = A story file (`stories/*.toml`)
help-value-kind-formats = `layouts/formats.toml`
help-schema-arg-out = Write to this file (with a kind) or into this folder (without one) instead of printing

help-completions-about = Print a shell completion script (bash, zsh, fish, elvish, powershell)
help-completions-examples =
    Examples:
      folio completions bash > ~/.local/share/bash-completion/completions/folio
      folio completions zsh > ~/.zfunc/_folio
help-completions-arg-shell = The shell

help-man-about = Print folio's manual page (roff), or write one per command into a folder
help-man-examples =
    Examples:
      folio man | man -l -
      folio man --out /usr/local/share/man/man1
help-man-arg-out = Write `folio.1` and a page per command (`folio-build.1`, …) into this folder instead

## Usage errors of values (src/cli.rs) and file watching (src/session/watch.rs)

cli-dpi-not-number = `{ $value }` is not a resolution in dots per inch; give a number such as 100
cli-dpi-range = { $value } dpi is out of range: give a resolution between { $min } and { $max } dots per inch, e.g. 100
watch-cannot-set-up = failed to set up file watching ({ $error })
watch-cannot-watch-path = failed to watch { $path } ({ $error })
watch-cannot-watch-files = failed to watch the files ({ $error })

# Labels drawn beside the findings' marks on proofs and in the preview (short).
mark-head-needs = head needs { $lines } lines
mark-overset = overset { $lines } lines
mark-underset = underset { $lines } lines
mark-deep-head = head area { $has } lines, head { $needs }
mark-squeeze-unused = squeeze { $asked }, takes back { $can }
mark-unreadable = unreadable { $file }
mark-not-k = not K
mark-ink = ink { $percent }%
mark-loose = loose { $percent }%
mark-loose-words = word space { $em } em
mark-kinsoku = 禁则
mark-widow = widow
mark-orphan = orphan
mark-short = short { $lines }
mark-hole = hole { $lines }
mark-fold-split = fold splits a word
mark-ear-overfull = ear overfull
mark-pictures-side-by-side = pictures side by side
mark-reading-order = the copy opens here, below its middle
mark-ear-own-page = 导读 to its own page
mark-overprint = text over text
mark-too-wide = past the column
mark-long-leg = long leg { $lines }
mark-head-rank = head as large as the lead's
mark-front-lead-rank = front lead's head smaller than one inside
mark-photo-rank = picture larger than the lead's
mark-stacked-heads = heads stacked
mark-heads-side-by-side = heads side by side
