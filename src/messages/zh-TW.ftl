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
diag-dead-link-in-output = 某個模板或整理稿連結到了產生結果裡沒有的頁面或錨點
diag-dead-link-in-output-and = 某個模板或整理稿連結到了產生結果裡沒有的頁面或錨點（還出現在 { $other }）
diag-dead-link-in-output-more = 某個模板或整理稿連結到了產生結果裡沒有的頁面或錨點（還出現在另外 { $count } 個頁面）
