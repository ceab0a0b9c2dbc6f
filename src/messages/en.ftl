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
