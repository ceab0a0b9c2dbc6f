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
