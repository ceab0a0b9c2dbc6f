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

## cairn init and cairn new
init-done = created a new site in { $dir } ({ $files } files); next: cd there and run `cairn build`
new-done = created { $path }

## cairn book
book-wrote = wrote { $path }

## cairn serve
serving = serving { $root } at { $url } (Ctrl+C to stop)
rebuilt = rebuilt { $pages ->
        [one] 1 page
       *[other] { $pages } pages
    } in { $ms } ms ({ $rendered } rendered, { $changed } files changed; pages reloaded after { $shown } ms)
output-removed = { $out } was removed (a clean-up of the temp folder?): rebuilding

## The live-reload overlay
overlay-heading = cairn: the last build failed; showing the last good pages
overlay-close = Close

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
