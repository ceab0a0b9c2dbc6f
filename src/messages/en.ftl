# cairn's own words on the command line, English. One key per message; the same keys
# in zh-CN.ftl and zh-TW.ftl (a test checks). Placeholders: { $name }.

## The summary under a report
summary = { $errors ->
        [one] 1 error
       *[other] { $errors } errors
    }, { $warnings ->
        [one] 1 warning
       *[other] { $warnings } warnings
    } in { $files ->
        [one] 1 file
       *[other] { $files } files
    }

## cairn check
no-problems = no problems found

## cairn build
built = built { $pages ->
        [one] 1 page
       *[other] { $pages } pages
    } ({ $files } files, { $size }) in { $seconds } s → { $out }
progress-pages = pages

## cairn init and cairn new
init-done = created a new site in { $dir } ({ $files } files); next: cd there and run `cairn build`
new-done = created { $path }

## The command line's own errors
serve-no-site = no site.yaml in { $root }: nothing to serve
serve-no-site-hint = run cairn serve in a site's folder, pass --root, or make a site with cairn init
serve-cannot-listen = cannot listen on { $address }: { $error }
serve-cannot-listen-hint = is another server using the port? Try --port 0 to pick a free one
serve-cannot-watch = cannot watch the site's files for changes: { $error }
serve-cannot-remake = cannot make { $path } again: { $error }
serve-content-walked = content/ walked
serve-content-patched = content/ patched
serve-search-deferred = search index left for the next rebuild: a newer save came in
scratch-cannot-remove = cannot remove { $path }: { $error }
cli-not-a-now = `{ $value }` is not a date: use YYYY-MM-DD or an RFC 3339 time like 2026-01-31T12:00:00Z
init-site-exists = { $dir } already has a site.yaml; cairn init only starts new sites
new-no-title = give a title (or, for a member, a handle)
new-invalid-handle = `{ $handle }` is not a valid handle: use lowercase letters, digits, `-` and `_`, e.g. `zhangwei`
new-exists = { $path } already exists; cairn never overwrites a file
digest-bad-week = --week { $error }; write it like 2026-W48
digest-no-scheme = base_url `{ $base }` has no https://, so the digest's links are site paths a chat cannot open
bad-source-date-epoch = SOURCE_DATE_EPOCH is { $value }, not a time: it must be whole seconds since 1970-01-01 UTC
bad-source-date-epoch-hint = set it to a number such as `date +%s` prints, or unset it to build with today's date
import-into-not-a-talk = { $path }: --into takes a talk under content/talks/
import-into-other-kind = { $path }: --into takes a talk under content/talks/, not a { $kind }
import-into-speaker-not-member = { $path }: the talk's `speaker` is not a member, so cairn cannot tell the answers from the questions
import-into-has-qa = { $path } has a `## Q&A` part already; cairn import adds one only to a talk without it
import-into-has-qa-hint = import into a new draft instead (`--as talk`), or remove the part first
import-one-selection = choose one of --session, --from/--to and --thread
import-session-zero = sessions are numbered from 1 (see --list)
import-no-threads = a { $format } has no message ids for replies to point at, so --thread cannot follow them
import-no-threads-hint = take the thread's session with --session N, or its time with --from/--to
import-bad-time = `{ $value }` is not a time: write `2024-03-12 20:00` or `2024-03-12` (in the site's time zone)
import-date-order = { $path }: every date could be day/month or month/day
import-date-order-hint = pass --date-order dmy (12/03 is 12 March) or --date-order mdy (12/03 is 3 December)

## cairn book
book-wrote = wrote { $path }
book-no-such = no book named `{ $name }` (books/{ $name }.yaml)
book-named-near = did you mean `{ $near }`?
book-none-defined = no book is defined: add books/<name>.yaml (docs/BOOKS.md)
book-names = the books are: { $names }
book-nothing-to-make = no book to make: books/ holds no <name>.yaml
book-nothing-to-make-hint = docs/BOOKS.md shows how to define one
book-no-browser = --pdf needs Chromium or Chrome to print the book, and none was found
book-no-browser-hint = install one (Debian/Ubuntu: `apt-get install chromium`; macOS: Google Chrome), or set CAIRN_CHROMIUM to its path; the print edition (.html) is written either way and any browser prints it with Ctrl+P
book-print-failed = { $browser } could not print { $path }: { $error }
book-print-failed-hint = run it by hand with --headless --print-to-pdf to see why
book-piece-cover = the cover
book-piece-contents = the contents
book-piece-preface = the preface
book-piece-part = part { $n } “{ $title }”
book-piece-chapter = chapter { $n } “{ $title }”
book-piece-contributors = the contributors
book-piece-stylesheet = the stylesheet
book-piece-picture = the picture { $path }

## cairn serve
serving = serving { $root } at { $url } (Ctrl+C to stop)
rebuilt = rebuilt { $pages ->
        [one] 1 page
       *[other] { $pages } pages
    } in { $ms } ms ({ $rendered } rendered, { $changed } files changed; pages reloaded after { $shown } ms)
output-removed = { $out } was removed (a clean-up of the temp folder?): rebuilding
output-not-ours = refusing to replace { $path }: it exists and was not made by cairn (no { $marker } file); choose another --out, or pass --force if its contents may be deleted

## The live-reload overlay
overlay-heading = cairn: the last build failed; showing the last good pages
overlay-close = Close


## cairn import: the sessions of an export (--list) and the summary after an import
import-sessions = { $count ->
        [one] 1 session
       *[other] { $count } sessions
    } in { $export } ({ $format }, gap { $gap } min)
import-table-head = #  start             end     msgs  people  first line
import-read = read { $export } ({ $format }{ $chat }): { $kept ->
        [one] 1 message kept
       *[other] { $kept } messages kept
    }, { $range }
import-chat = , “{ $chat }”
import-appended = → appended to { $path }
import-wrote = → { $path } (draft: true)
import-dry-run = → nothing written (--dry-run)
import-what-qa = asked by @{ $lead }; answers by { $others }
import-what-solution = started by @{ $lead }; answers by { $others }
import-what-talk = speaker @{ $lead }; questions from { $others }
import-what-talk-qa = Q&A of the talk by @{ $lead }
import-left-out = left out: { $what }
list-separator = { ", " }
import-dropped-notice = { $count ->
        [one] 1 system message
       *[other] { $count } system messages
    }
import-dropped-sticker = { $count ->
        [one] 1 sticker
       *[other] { $count } stickers
    }
import-dropped-recalled = { $count ->
        [one] 1 recalled message
       *[other] { $count } recalled messages
    }
import-dropped-acknowledgement = { $count ->
        [one] 1 acknowledgement
       *[other] { $count } acknowledgements
    } (收到, +1, …)
import-dropped-duplicate-forward = { $count ->
        [one] 1 duplicate forward
       *[other] { $count } duplicate forwards
    }
import-dropped-empty = { $count ->
        [one] 1 empty message
       *[other] { $count } empty messages
    }
import-dropped-before-question = { $count ->
        [one] 1 message
       *[other] { $count } messages
    } before the question (--from takes them in)
import-redacted = redacted { $count }:
import-redacted-line = line { $line }: { $what }
import-redaction-phone = phone
import-redaction-email = e-mail
import-redaction-wechat-id = WeChat id
import-redaction-qq-number = QQ number
import-redaction-token-url = URL with a token
import-redaction-account = account
import-placeholders = { $count ->
        [one] 1 attachment shown as a placeholder
       *[other] { $count } attachments shown as placeholders
    }; --media copies exported files into static/
import-placeholders-missing = { $count ->
        [one] 1 attachment shown as a placeholder
       *[other] { $count } attachments shown as placeholders
    } (not in the export)
import-note = note: { $note }
import-by-name = matched by display name only, check: { $name } → @{ $handle }
import-strangers = { $count ->
        [one] 1 person
       *[other] { $count } people
    } not mapped to a member; `check` and `build` refuse the draft until they are. Add to their member file (or make one):
import-strangers-then = then replace @unmapped-N in the draft with their handle (or import again)
import-next = next: edit the draft, run `cairn check --drafts`, then remove `draft: true` to publish
import-error-unknown-format = { $path } is no chat export cairn knows; tried:
import-error-unknown-format-hint = pass --format to name it, or see docs/IMPORT.md for how to export each app
import-error-unknown-session = the chat has no session { $wanted }; it has { $count }:
import-error-unknown-session-hint = `cairn import { $export } --list` shows them; take one with --session N
import-error-choose-session = the export has { $count } sessions; choose one:
import-error-choose-session-hint = take one with --session N, or a time range with --from/--to
import-error-unknown-chat = chat `{ $wanted }` is not in this export; it has: { $known }
import-error-unknown-channel = channel `{ $wanted }` is not in this export; it has: { $known }
import-error-unknown-chat-hint = pass { $flag } with one of these names
import-error-choose-chat = the export holds { $count } chats: { $known }
import-error-choose-channel = the export holds { $count } channels: { $known }
import-error-choose-chat-hint = choose one with { $flag } NAME
import-error-unknown-thread = no message with id `{ $id }` in the export
import-error-unknown-thread-hint = `--thread` takes the id of the thread's first message, as the export writes it
import-error-empty-noise = no messages to import in this selection: every message was noise ({ $what })
import-error-empty-range = no messages to import between --from and --to
import-error-empty = no messages to import in the export
import-error-exists = { $path } already exists; cairn import never overwrites a file
import-error-exists-hint = delete it if it is an earlier draft, or choose another name with --title

## cairn import: reading an export (format names, why a format did not fit, a broken export)
import-format-telegram = Telegram JSON
import-format-discord = DiscordChatExporter JSON
import-format-slack = Slack export
import-format-whatsapp = WhatsApp text
import-format-qq = QQ text
import-format-wechat = WeChat text
import-format-wechat-csv = WeChat CSV
import-format-transcript = pasted transcript
import-tried = { $format }: { $why }
import-tried-not-a-folder = not a folder or a .zip
import-tried-no-telegram-fields = no `messages` with `from_id` or `date_unixtime`
import-tried-no-guild = no `guild` and `channel`
import-tried-not-json = not JSON (the first character is not an opening brace)
import-tried-empty = the file is empty
import-tried-no-line-like = no line like { $example } (the first is `{ $first }`)
import-tried-no-line-like-either = no line like { $example } or { $other } (the first is `{ $first }`)
import-tried-transcript = { $headers } of { $lines } lines read as `name: text`
import-tried-no-heading-row = no heading row
import-tried-few-columns = fewer than three comma-separated columns
import-tried-no-column = no { $what } column (looked for { $names })
import-tried-slack-missing = no { $file } in it
import-not-a-zip = { $path } is not a zip that can be read: { $error }
import-column-time = time
import-column-sender = sender
import-column-content = content
import-not-telegram = no `messages` list: not a Telegram chat export
import-message-not-a-time = message { $id }: `{ $text }` is not a time
import-day-month = day/month
import-month-day = month/day

## Diagnostics: the labels, and problems by their stable code (printed `error[code]`,
## the same in every language); `diag-<code>-…` are their hints.
diag-label-error = error
diag-label-warning = warning
diag-label-hint = hint
diag-unclosed-front-matter = front matter is never closed
diag-unclosed-front-matter-hint = end the front matter with a line of three dashes: `---`
diag-not-utf8 = the file is not valid UTF-8
diag-not-utf8-hint = save the file as UTF-8 (most editors offer it under "encoding")
diag-unknown-field = unknown field `{ $field }`
diag-unknown-field-near = did you mean `{ $near }`? Free-form data goes under `extra:`
diag-unknown-field-known = known fields: { $fields }; free-form data goes under `extra:`
diag-unknown-member = unknown member @{ $handle }
diag-unknown-member-near = did you mean @{ $near }?
diag-unknown-member-hint = mentions link to member profiles in content/members/; write `\@` for a literal @
diag-answer-unknown-member = answer by unknown member @{ $handle }
diag-answer-unknown-member-near = did you mean `## @{ $near }`? (an answer by someone who is no member is written `## @? 名字`)
diag-answer-unknown-member-add = add a profile at content/members/{ $handle }.md, or fix the handle; an answer by someone who is no member is written `## @? 名字`
diag-no-date = this { $kind } has no date
diag-no-date-hint = add `date: YYYY-MM-DD` to the front matter, or start the file name with it
diag-broken-link = broken internal link `{ $target }`
diag-broken-link-near = did you mean `@/{ $near }.md`?
diag-broken-link-hint = link to items by their source path, like `@/qa/2024-03-12-ice-breaking.md`
diag-invalid-handle = `{ $handle }` is not a valid member handle
diag-invalid-handle-hint = name the file with lowercase letters, digits, `-` and `_`, starting with a letter or digit, e.g. `zhangwei.md`
diag-not-a-content-folder = `content/{ $section }/` is not a content folder; the file is ignored
diag-not-a-content-folder-hint = content folders are qa, solutions, talks, members and pages
diag-unreadable = cannot read the file: { $error }
diag-reserved-handle = `{ $handle }` is reserved for people `cairn import` could not map
diag-reserved-handle-hint = name the member file after the person's handle, e.g. `zhaoxm.md`
diag-unknown-platform = unknown chat platform `{ $platform }`
diag-unknown-platform-near = did you mean `{ $near }`?
diag-unknown-platform-known = accounts are listed per platform: { $platforms }
diag-unmapped-person = @{ $handle } is a person from the chat that `cairn import` could not map to a member
diag-unmapped-person-hint = add their chat account under `accounts:` in a member file (the import summary printed the lines) and replace @{ $handle } with that member's handle, or remove the part
diag-unmapped-person-field = add their chat account under `accounts:` in a member file (the import summary printed the lines) and write that member's handle here
diag-unknown-handle = unknown member `{ $handle }`
diag-unknown-handle-near = did you mean `{ $near }`?
diag-unknown-handle-add = add a profile at content/members/{ $handle }.md, or fix the handle
diag-unknown-handle-credits = credits go to members with a profile in content/members/
diag-unknown-item = no item `{ $target }`
diag-unknown-item-near = did you mean `{ $near }`?
diag-unknown-item-hint = refer to items as `<folder>/<file name without .md>`, e.g. `qa/2024-03-12-ice-breaking`
diag-bad-url = `{ $field }` must be an http(s) URL or a path on this site
diag-bad-url-hint = for example `https://…` or `/static/talks/slides.pdf`
diag-unknown-credit-kind = unknown credit kind `{ $kind }`
diag-unknown-credit-kind-near = did you mean `{ $near }`? Or give the entry `points:`, or add the kind under `credits.points` in site.yaml
diag-unknown-credit-kind-hint = add the kind under `credits.points` in site.yaml, or give the entry `points:`
diag-no-anchor = `{ $target }` has no anchor `#{ $anchor }`
diag-no-anchor-near = did you mean `#{ $near }`?
diag-no-anchor-none = that page has no headings or answers to link to
diag-no-anchor-known = anchors on that page: { $anchors }
diag-accepted-without-answer = `{ $handle }` is accepted but has no answer here
diag-accepted-without-answer-hint = add an answer section starting with `## @{ $handle }`, or fix `accepted`
diag-dead-link-outside-base = broken link `{ $url }`: it is outside the site's base path `{ $base }`
diag-dead-link-no-page = broken link `{ $url }`: no such page or file
diag-dead-link-no-anchor = broken link `{ $url }`: the page has no anchor `#{ $anchor }`
diag-dead-link-fix-here = fix it here: it is shown on { $page }
diag-dead-link-fix-here-and = fix it here: it is shown on { $page } (and on { $other })
diag-dead-link-fix-here-more = fix it here: it is shown on { $page } (and on { $count } more pages)
diag-dead-link-in-output = a template or write-up links to a page or anchor that is not in the output
diag-dead-link-in-output-and = a template or write-up links to a page or anchor that is not in the output (and on { $other })
diag-dead-link-in-output-more = a template or write-up links to a page or anchor that is not in the output (and on { $count } more pages)
diag-not-a-mapping = expected `key: value` pairs
diag-not-a-mapping-hint = front matter and settings files are YAML mappings, like `title: …`
diag-xml-forbidden = `{ $field }` holds the character { $character }, which XML forbids: the feed and the sitemap would no longer parse
diag-xml-forbidden-hint = remove it; a YAML escape such as "\x01" or "\uFFFF" writes such a character
diag-yaml = { $error }
diag-yaml-duplicate-key-hint = each key may appear once; keep one of them
diag-yaml-quote-hint = a value that contains `: ` must be quoted, like `title: "A: B"`
diag-yaml-indent-hint = check the indentation: keys of one mapping line up in the same column
diag-yaml-tab-hint = YAML does not allow tabs for indentation; use spaces
diag-yaml-type-hint = see docs/CONTENT.md for the type each field takes
diag-yaml-nesting-hint = anchors and aliases nest too deeply; write the values out
diag-impossible-date-in = `{ $value }` holds a date that does not exist
diag-impossible-time = `{ $value }` holds `{ $time }`, which is no time of day
diag-impossible-time-hint = times are written HH:MM, from 00:00 to 23:59, like `2024-03-12 20:00–21:30`
diag-time-form = `{ $value }` is not written the way cairn reads times
diag-time-form-hint = dates are YYYY-MM-DD and times HH:MM with a half-width `:`: write `{ $fixed }`
diag-no-month = `{ $value }` is not a date: there is no month { $month }
diag-no-month-hint = dates are written YYYY-MM-DD, like `2026-11-28`
diag-no-day = `{ $value }` is not a date
diag-no-day-hint = { $monthname } { $year } has { $days } days; its last day is { $last }
diag-date-form = `{ $value }` is not written the way cairn reads dates
diag-date-form-hint = dates are written YYYY-MM-DD: write { $fixed }
diag-unknown-private-field = `{ $field }` is not a profile field
diag-unknown-private-field-near = did you mean `{ $near }`? Nothing is hidden by a name that is not a field
diag-unknown-private-field-known = private fields are { $fields } or `links.<name>`
diag-listed-twice = `{ $handle }` is listed twice in `{ $field }`
diag-listed-twice-hint = write each member once
diag-credits-shape-hint = each credit has `member`, `kind`, `date`, `note` and `points`, each pick `week`, `member`, `item` and `note`; see docs/CREDITS.md
diag-symlink = symbolic links are not followed; this one is ignored
diag-symlink-hint = copy the file or folder into content/ instead of linking it
diag-unreadable-path = cannot read: { $error }
diag-theme-strings-hint = interface strings are a flat `key: text` mapping
diag-site-yaml-not-utf8 = site.yaml is not valid UTF-8
diag-no-site-yaml = cannot read site.yaml: { $error }
diag-no-site-yaml-hint = run cairn in a site folder (one with site.yaml), or pass --root DIR; `cairn init` makes a new site
diag-bad-base-url = base_url must be an http(s) URL or a path
diag-bad-base-url-hint = for example `base_url: https://example.org/archive/`
diag-bad-timezone = unknown time zone `{ $zone }`
diag-bad-timezone-hint = an IANA name such as `Asia/Shanghai`, `Asia/Taipei`, `Asia/Hong_Kong` or `UTC`
diag-bad-duration = `{ $value }` is not a duration
diag-bad-duration-hint = minutes or hours, like `45m`, `90m` or `1h30m`
diag-paginate-zero = paginate must be at least 1
diag-unknown-theme = theme `{ $name }` not found
diag-unknown-theme-hint = put the theme in themes/{ $name }/, or remove `theme:` to use the built-in default
diag-template-not-utf8 = template is not valid UTF-8
diag-no-theme-strings = the theme has no interface strings for `{ $language }`
diag-no-theme-strings-hint = add { $path } to the theme, or set `language: zh-CN` or `language: en`
diag-template-error = template error: { $error }
diag-template-error-hint = see docs/THEMES.md for the template syntax (Tera 2) and the variables each page gets
diag-template-variable-hint = a site template in templates/ may use a variable this page does not have; see docs/THEMES.md
diag-template-data = cannot pass page data to the template: { $error }
diag-book-unreadable = cannot read the book: { $error }
diag-book-field-near = did you mean `{ $near }`? (docs/BOOKS.md lists the fields)
diag-book-empty-part = part `{ $title }` has no chapters
diag-book-empty-part-hint = give it `items: [qa/…]`, or a `query:` with `kinds` and `tags`
diag-book-page-chapter = `{ $target }` is a page, not a write-up
diag-book-page-chapter-hint = chapters are Q&As, solutions and talks
diag-unknown-chapter = unknown item `{ $target }`
diag-unknown-chapter-near = did you mean `{ $near }`?
diag-unknown-chapter-hint = name items as `@/` links do: `qa/2023-05-16-ice-breaking`
diag-book-unknown-kind = unknown kind `{ $kind }`
diag-book-unknown-kind-hint = kinds are `qa`, `solution` and `talk`
diag-book-unknown-tag = unknown tag `{ $tag }`
diag-book-unknown-tag-near = did you mean `{ $near }`?
diag-book-unknown-tag-hint = a query names tags the write-ups carry
diag-book-editor-hint = editors are handles of members in content/members/
diag-book-no-preface = the preface `{ $path }` does not exist
diag-book-no-preface-hint = write the path from the site folder: `books/preface.md`
diag-book-no-cover = the cover `{ $path }` is not a file under static/
diag-book-no-cover-hint = write it as pages do: `/static/covers/book.png`
diag-not-an-iso-week = `{ $week }` is not an ISO week like `2026-W48`
diag-no-such-week = { $year } has { $weeks } ISO weeks, so `{ $week }` is no week
diag-iso-week-hint = write the ISO year and week: `2026-W48` (`date +%G-W%V` prints this week's)
diag-week-not-begun = week `{ $week }` has not begun
diag-week-not-begun-hint = a pick rewards a week that happened; this week is { $current }
diag-pick-member-hint = picks go to members with a profile in content/members/
diag-unknown-pick-item = unknown item `{ $target }`
diag-unknown-pick-item-near = did you mean `{ $near }`?
diag-unknown-pick-item-hint = name the item as `@/` links do: `qa/2026-11-24-slug`
diag-pick-page = `{ $target }` is a page, not a write-up
diag-pick-page-hint = pick a Q&A, a solution or a talk
diag-url-collision = this item would be published at { $url }, like { $path }
diag-url-collision-hint = rename one of the files: two items cannot share a URL
diag-reserved-page-name = a page cannot be called `{ $name }`
diag-reserved-page-name-hint = these names are taken by cairn's own pages: { $names }
diag-host-too-large = the output is { $size } and { $host } publishes at most { $max }
diag-host-too-many-files = the output has { $files } files and { $host } takes at most { $max }
diag-host-file-too-large = `{ $path }` is { $size } and { $host } takes files of at most { $max }
diag-host-limits-hint = docs/DEPLOY.md says what makes an output large and which host takes it
diag-unknown-string = `strings.{ $key }` renames no interface string
diag-unknown-string-near = did you mean `{ $near }`? The theme's keys are in its i18n/<language>.yaml (docs/THEMES.md)
diag-unknown-string-hint = the keys are those of the theme's i18n/<language>.yaml (docs/THEMES.md)
diag-unscannable-short = private `{ $field }` is too short to scan for, so the privacy scan cannot check it
diag-unscannable-public = private `{ $field }` is also public elsewhere (another member's field, or a handle), so the privacy scan cannot check it
diag-unscannable-hint = its field is still left out of every page; the scan only double-checks values it can tell apart from ordinary text
diag-scan-not-unpacked = a compressed file does not unpack, so the privacy scan cannot read it
diag-private-leak = a private value leaked: `{ $field }` of member `{ $handle }`
diag-private-leak-field = the output was not published. Remove the value from the write-up or template that prints it, or make `{ $field }` public in content/members/{ $handle }.md
diag-private-leak-hidden-handle = the output was not published. `{ $handle }` is a hidden member: write them as a mention (@{ $handle }) in Markdown or a handle in front matter, which cairn shows as the neutral label, not in a link, raw HTML or a template; or remove `hidden: true` from content/members/{ $handle }.md
diag-private-leak-hidden = the output was not published. `{ $handle }` is a hidden member, so their `{ $field }` must not appear: remove it from the write-up or template that prints it, or remove `hidden: true` from content/members/{ $handle }.md
diag-private-leak-account = the output was not published. chat accounts are always private: remove the `{ $field }` value from the write-up or template that prints it
diag-full-width-hint = full-width `{ $wide }` → half-width `{ $narrow }`
diag-full-width-hint-quote = full-width `{ $wide }` → half-width `{ $narrow }`; to keep one value with a `{ $wide }` in it, quote it: `["a{ $wide }b"]`
diag-full-width-hint-list = full-width `{ $wide }` → half-width `{ $narrow }`: a list is written `{ $field }: [{ $items }]`
diag-full-width-key = full-width `{ $wide }` after the key, where YAML expects `{ $narrow }`
diag-full-width-list = full-width `{ $wide }` around a list, where YAML expects `{ $narrow }`
diag-full-width-separator = full-width `{ $wide }` between list items, where YAML expects `{ $narrow }`
diag-full-width-mention = full-width `{ $wide }` before a handle: it is not a mention
diag-full-width-answer = full-width `{ $wide }` at the start of an answer heading, read as `{ $narrow }`
diag-full-width-heading = full-width `{ $wide }` at the start of a line: it is not a heading
diag-full-width-list-item = full-width `{ $wide }` at the start of a line: it is not a list item
diag-refers-to-it-one = (1 more file refers to it, not checked until it loads)
diag-refers-to-it = ({ $count } more files refer to it, not checked until it loads)
diag-no-year = no write-ups in { $year }
diag-cannot-write = cannot write: { $error }
diag-import-unreadable = the export cannot be read here: { $detail }
diag-import-not-a-time = `{ $text }` is not a time
diag-import-not-a-real-time = `{ $text }` is not a real time
diag-import-not-a-date = `{ $text }` is not a date
diag-import-not-a-real-time-read-as = `{ $text }` is not a real time (read as { $order })
diag-import-transcript-time = `[{ $text }]` is not a time: write `[2024-03-12 20:01]` or `[20:01]`
diag-import-hint-damaged-slack = the Slack export looks damaged here: export it again
diag-import-hint-damaged-csv = the CSV looks damaged here: export it again, or fix the row's quotes
diag-import-hint-not-json = the file is not valid JSON here: was the { $what } export cut short or edited by hand? Export it again
diag-import-hint-not-this-format = this does not look like a { $what } export here; pass --format if cairn guessed wrong
diag-import-hint-time-csv = times are written like 2024-03-12 20:01:33
diag-import-hint-time-lines = fix the time in the export, or pass --date-order if the day and month are swapped
diag-import-hint-not-json-chat = the file is not valid JSON here: was the chat export cut short or edited by hand? Export it again
diag-import-hint-not-this-format-chat = this does not look like a chat export here; pass --format if cairn guessed wrong
