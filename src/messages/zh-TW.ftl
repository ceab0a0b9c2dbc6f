# cairn 在命令列上自己說的話（正體中文，台灣用語）。鍵與 en.ftl、zh-CN.ftl 相同（有測試檢查）。
# 佔位符寫作 { $name }。

## 報告下方的總結
summary = { $errors } 個錯誤，{ $warnings } 個警告，涉及 { $files } 個檔案

## cairn check
no-problems = 沒有發現問題

## cairn build
built = 已產生 { $pages } 個頁面（{ $files } 個檔案，{ $size }），耗時 { $seconds } 秒 → { $out }

## cairn init 與 cairn new
init-done = 已在 { $dir } 建立新網站（{ $files } 個檔案）；下一步：進入該資料夾，執行 `cairn build`
new-done = 已建立 { $path }

## cairn book
book-wrote = 已寫入 { $path }

## cairn serve
serving = 正在預覽 { $root }：{ $url }（按 Ctrl+C 停止）
rebuilt = 已重新產生 { $pages } 個頁面，耗時 { $ms } 毫秒（算繪 { $rendered } 個，變更 { $changed } 個檔案；{ $shown } 毫秒後頁面已重新載入）
output-removed = { $out } 被刪除了（暫存資料夾被清理？），正在重新產生

## 預覽時的錯誤浮層
overlay-heading = cairn：上次建置失敗，下面顯示的是上一次成功的頁面
overlay-close = 關閉

## 診斷：標籤，以及按固定代碼（`錯誤[code]`，各語言相同）排列的問題和提示
diag-label-error = 錯誤
diag-label-warning = 警告
diag-label-hint = 提示
diag-unclosed-front-matter = front matter 沒有結束
diag-unclosed-front-matter-hint = 用一行三個短橫線 `---` 結束 front matter
diag-not-utf8 = 檔案不是有效的 UTF-8 編碼
diag-not-utf8-hint = 把檔案另存為 UTF-8（多數編輯器在「編碼」裡可以選）
diag-unknown-field = 未知欄位 `{ $field }`
diag-unknown-field-near = 是不是想寫 `{ $near }`？自由填寫的資料請放在 `extra:` 下
diag-unknown-field-known = 可用的欄位：{ $fields }；自由填寫的資料請放在 `extra:` 下
diag-unknown-member = 未知成員 @{ $handle }
diag-unknown-member-near = 是不是想寫 @{ $near }？
diag-unknown-member-hint = @ 提及會連結到 content/members/ 裡的成員資料；要寫一般的 @，請寫 `\@`
diag-answer-unknown-member = 回答者 @{ $handle } 不是成員
diag-answer-unknown-member-near = 是不是想寫 `## @{ $near }`？（非成員的回答寫作 `## @? 名字`）
diag-answer-unknown-member-add = 在 content/members/{ $handle }.md 新增成員資料，或改正 handle；非成員的回答寫作 `## @? 名字`
diag-no-date = 這篇 { $kind } 沒有日期
diag-no-date-hint = 在 front matter 裡加上 `date: YYYY-MM-DD`，或讓檔名以日期開頭
diag-broken-link = 站內連結 `{ $target }` 指向的內容不存在
diag-broken-link-near = 是不是想寫 `@/{ $near }.md`？
diag-broken-link-hint = 依來源檔案路徑連結內容，例如 `@/qa/2024-03-12-ice-breaking.md`
diag-invalid-handle = `{ $handle }` 不是有效的成員 handle
diag-invalid-handle-hint = 檔名只用小寫字母、數字、`-` 和 `_`，以字母或數字開頭，例如 `zhangwei.md`
diag-not-a-content-folder = `content/{ $section }/` 不是內容資料夾，這個檔案被略過了
diag-not-a-content-folder-hint = 內容資料夾有 qa、solutions、talks、members 和 pages
diag-unreadable = 無法讀取這個檔案：{ $error }
diag-reserved-handle = `{ $handle }` 是保留給 `cairn import` 對應不到的人使用的
diag-reserved-handle-hint = 用這個人的 handle 為成員檔案命名，例如 `zhaoxm.md`
diag-unknown-platform = 未知的聊天平台 `{ $platform }`
diag-unknown-platform-near = 是不是想寫 `{ $near }`？
diag-unknown-platform-known = 帳號依平台列出，可用的平台：{ $platforms }
diag-unmapped-person = @{ $handle } 是聊天紀錄裡 `cairn import` 對應不到成員的人
diag-unmapped-person-hint = 在成員檔案的 `accounts:` 下加上這個人的聊天帳號（匯入時的摘要列出了這幾行），再把 @{ $handle } 換成這位成員的 handle，或者刪掉這一段
diag-unmapped-person-field = 在成員檔案的 `accounts:` 下加上這個人的聊天帳號（匯入時的摘要列出了這幾行），再在這裡寫上這位成員的 handle
diag-unknown-handle = 未知成員 `{ $handle }`
diag-unknown-handle-near = 是不是想寫 `{ $near }`？
diag-unknown-handle-add = 在 content/members/{ $handle }.md 新增成員資料，或改正 handle
diag-unknown-handle-credits = 貢獻只能記給在 content/members/ 裡有資料的成員
diag-unknown-item = 沒有 `{ $target }` 這篇內容
diag-unknown-item-near = 是不是想寫 `{ $near }`？
diag-unknown-item-hint = 引用內容要寫成 `<資料夾>/<不含 .md 的檔名>`，例如 `qa/2024-03-12-ice-breaking`
diag-bad-url = `{ $field }` 必須是 http(s) 網址，或本站的路徑
diag-bad-url-hint = 例如 `https://…` 或 `/static/talks/slides.pdf`
diag-unknown-credit-kind = 未知的貢獻類型 `{ $kind }`
diag-unknown-credit-kind-near = 是不是想寫 `{ $near }`？也可以為這一筆寫上 `points:`，或在 site.yaml 的 `credits.points` 下新增這個類型
diag-unknown-credit-kind-hint = 在 site.yaml 的 `credits.points` 下新增這個類型，或為這一筆寫上 `points:`
diag-no-anchor = `{ $target }` 裡沒有錨點 `#{ $anchor }`
diag-no-anchor-near = 是不是想寫 `#{ $near }`？
diag-no-anchor-none = 那個頁面沒有可以連結的標題或回答
diag-no-anchor-known = 那個頁面上的錨點：{ $anchors }
diag-accepted-without-answer = `{ $handle }` 被標為採納，但這裡沒有 TA 的回答
diag-accepted-without-answer-hint = 新增一段以 `## @{ $handle }` 開頭的回答，或改正 `accepted`
diag-dead-link-outside-base = 失效連結 `{ $url }`：它不在網站的基礎路徑 `{ $base }` 下
diag-dead-link-no-page = 失效連結 `{ $url }`：沒有這個頁面或檔案
diag-dead-link-no-anchor = 失效連結 `{ $url }`：頁面上沒有錨點 `#{ $anchor }`
diag-dead-link-fix-here = 在這裡修改：它顯示在 { $page }
diag-dead-link-fix-here-and = 在這裡修改：它顯示在 { $page }（還有 { $other }）
diag-dead-link-fix-here-more = 在這裡修改：它顯示在 { $page }（還有另外 { $count } 個頁面）
diag-dead-link-in-output = 某個範本或整理稿連結到了產生結果裡沒有的頁面或錨點
diag-dead-link-in-output-and = 某個範本或整理稿連結到了產生結果裡沒有的頁面或錨點（還出現在 { $other }）
diag-dead-link-in-output-more = 某個範本或整理稿連結到了產生結果裡沒有的頁面或錨點（還出現在另外 { $count } 個頁面）
diag-not-a-mapping = 這裡應該是 `key: value` 形式的鍵值對
diag-not-a-mapping-hint = front matter 和設定檔都是 YAML 對應表，例如 `title: …`
diag-xml-forbidden = `{ $field }` 裡有 XML 不允許的字元 { $character }：訂閱來源和網站地圖會因此無法解析
diag-xml-forbidden-hint = 刪掉它；這種字元是由 "\x01" 或 "\uFFFF" 這樣的 YAML 跳脫序列寫出來的
diag-yaml = YAML 有誤：{ $error }
diag-yaml-duplicate-key-hint = 每個鍵只能出現一次；保留其中一個
diag-yaml-quote-hint = 含有 `: ` 的值要加引號，例如 `title: "A: B"`
diag-yaml-indent-hint = 檢查縮排：同一個對應表裡的鍵要對齊在同一欄
diag-yaml-tab-hint = YAML 不允許用 Tab 縮排；請用空格
diag-yaml-type-hint = 每個欄位要填什麼類型，請見 docs/CONTENT.md
diag-yaml-nesting-hint = 錨點和別名巢狀得太深；請直接寫出這些值
diag-impossible-date-in = `{ $value }` 裡的日期不存在
diag-impossible-time = `{ $value }` 裡的 `{ $time }` 不是一天中的時間
diag-impossible-time-hint = 時間寫作 HH:MM，從 00:00 到 23:59，例如 `2024-03-12 20:00–21:30`
diag-time-form = `{ $value }` 的寫法 cairn 讀不懂
diag-time-form-hint = 日期寫作 YYYY-MM-DD，時間寫作 HH:MM，用半形 `:`：請寫成 `{ $fixed }`
diag-no-month = `{ $value }` 不是日期：沒有 { $month } 月
diag-no-month-hint = 日期寫作 YYYY-MM-DD，例如 `2026-11-28`
diag-no-day = `{ $value }` 不是日期
diag-no-day-hint = { $year } 年 { $month } 月只有 { $days } 天，最後一天是 { $last }
diag-date-form = `{ $value }` 這種日期寫法 cairn 讀不懂
diag-date-form-hint = 日期寫作 YYYY-MM-DD：請寫成 { $fixed }
diag-unknown-private-field = `{ $field }` 不是成員資料的欄位
diag-unknown-private-field-near = 是不是想寫 `{ $near }`？寫不是欄位的名稱，什麼也藏不住
diag-unknown-private-field-known = 可以設為私密的欄位有 { $fields } 或 `links.<name>`
diag-listed-twice = `{ $handle }` 在 `{ $field }` 裡寫了兩次
diag-listed-twice-hint = 每位成員只寫一次
diag-credits-shape-hint = 每筆貢獻有 `member`、`kind`、`date`、`note` 和 `points`，每筆評選有 `week`、`member`、`item` 和 `note`；請見 docs/CREDITS.md
diag-symlink = 不會跟隨符號連結；這個連結被略過了
diag-symlink-hint = 把檔案或資料夾複製到 content/ 裡，不要用連結
diag-unreadable-path = 無法讀取：{ $error }
diag-theme-strings-hint = 介面文字是一個扁平的 `key: text` 對應表
diag-site-yaml-not-utf8 = site.yaml 不是有效的 UTF-8 編碼
diag-no-site-yaml = 無法讀取 site.yaml：{ $error }
diag-no-site-yaml-hint = 在網站資料夾（有 site.yaml 的資料夾）裡執行 cairn，或者加上 --root DIR；`cairn init` 可以建立新網站
diag-bad-base-url = base_url 必須是 http(s) 網址或路徑
diag-bad-base-url-hint = 例如 `base_url: https://example.org/archive/`
diag-bad-timezone = 未知的時區 `{ $zone }`
diag-bad-timezone-hint = 寫 IANA 時區名稱，例如 `Asia/Shanghai`、`Asia/Taipei`、`Asia/Hong_Kong` 或 `UTC`
diag-bad-duration = `{ $value }` 不是一段時間長度
diag-bad-duration-hint = 寫分鐘或小時，例如 `45m`、`90m` 或 `1h30m`
diag-paginate-zero = paginate 至少要是 1
diag-unknown-theme = 找不到佈景主題 `{ $name }`
diag-unknown-theme-hint = 把佈景主題放在 themes/{ $name }/ 裡，或者刪掉 `theme:`，使用內建的預設佈景主題
diag-template-not-utf8 = 範本不是有效的 UTF-8 編碼
diag-no-theme-strings = 佈景主題沒有 `{ $language }` 的介面文字
diag-no-theme-strings-hint = 為佈景主題加上 { $path }，或者設定 `language: zh-CN` 或 `language: en`
diag-template-error = 範本錯誤：{ $error }
diag-template-error-hint = 範本語法（Tera 2）和每種頁面可用的變數，請見 docs/THEMES.md
diag-template-variable-hint = templates/ 裡的某個網站範本可能用了這個頁面沒有的變數；請見 docs/THEMES.md
diag-template-data = 無法把頁面資料傳給範本：{ $error }
diag-book-unreadable = 無法讀取這本書的定義：{ $error }
diag-book-field-near = 是不是想寫 `{ $near }`？（docs/BOOKS.md 列出了所有欄位）
diag-book-empty-part = 「{ $title }」這一部分沒有章節
diag-book-empty-part-hint = 為它寫上 `items: [qa/…]`，或者寫一個帶 `kinds` 和 `tags` 的 `query:`
diag-book-page-chapter = `{ $target }` 是頁面，不是整理稿
diag-book-page-chapter-hint = 章節只能是問答、方案和分享
diag-unknown-chapter = 沒有 `{ $target }` 這篇內容
diag-unknown-chapter-near = 是不是想寫 `{ $near }`？
diag-unknown-chapter-hint = 像 `@/` 連結那樣寫條目：`qa/2023-05-16-ice-breaking`
diag-book-unknown-kind = 未知的類型 `{ $kind }`
diag-book-unknown-kind-hint = 類型有 `qa`、`solution` 和 `talk`
diag-book-unknown-tag = 未知的標籤 `{ $tag }`
diag-book-unknown-tag-near = 是不是想寫 `{ $near }`？
diag-book-unknown-tag-hint = 查詢裡要寫整理稿上已有的標籤
diag-book-editor-hint = 編者要寫 content/members/ 裡成員的 handle
diag-book-no-preface = 前言 `{ $path }` 不存在
diag-book-no-preface-hint = 從網站資料夾寫起：`books/preface.md`
diag-book-no-cover = 封面 `{ $path }` 不是 static/ 下的檔案
diag-book-no-cover-hint = 像頁面裡那樣寫：`/static/covers/book.png`
diag-not-an-iso-week = `{ $week }` 不是 `2026-W48` 這樣的 ISO 週
diag-no-such-week = { $year } 年只有 { $weeks } 個 ISO 週，所以沒有 `{ $week }` 這一週
diag-iso-week-hint = 寫成 ISO 年和週：`2026-W48`（`date +%G-W%V` 會印出本週）
diag-week-not-begun = `{ $week }` 這一週還沒開始
diag-week-not-begun-hint = 評選獎勵的是已經過去的一週；本週是 { $current }
diag-pick-member-hint = 評選只能給在 content/members/ 裡有資料的成員
diag-unknown-pick-item = 沒有 `{ $target }` 這篇內容
diag-unknown-pick-item-near = 是不是想寫 `{ $near }`？
diag-unknown-pick-item-hint = 像 `@/` 連結那樣寫條目：`qa/2026-11-24-slug`
diag-pick-page = `{ $target }` 是頁面，不是整理稿
diag-pick-page-hint = 請選一篇問答、方案或分享
diag-url-collision = 這篇內容會發布在 { $url }，和 { $path } 一樣
diag-url-collision-hint = 為其中一個檔案改名：兩篇內容不能共用同一個網址
diag-reserved-page-name = 頁面不能叫 `{ $name }`
diag-reserved-page-name-hint = 這些名稱已經給 cairn 自己的頁面使用了：{ $names }
diag-host-too-large = 產生結果有 { $size }，而 { $host } 最多只發布 { $max }
diag-host-too-many-files = 產生結果有 { $files } 個檔案，而 { $host } 最多只接受 { $max } 個
diag-host-file-too-large = `{ $path }` 有 { $size }，而 { $host } 接受的單一檔案最大 { $max }
diag-host-limits-hint = 產生結果為什麼會大、哪個託管服務放得下，請見 docs/DEPLOY.md
diag-unknown-string = `strings.{ $key }` 不對應任何介面文字
diag-unknown-string-near = 是不是想寫 `{ $near }`？佈景主題的鍵在它的 i18n/<language>.yaml 裡（docs/THEMES.md）
diag-unknown-string-hint = 可用的鍵就是佈景主題的 i18n/<language>.yaml 裡的那些（docs/THEMES.md）
