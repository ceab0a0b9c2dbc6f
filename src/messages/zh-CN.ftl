# cairn 在命令行里自己说的话（简体中文）。键与 en.ftl、zh-TW.ftl 相同（有测试检查）。
# 占位符写作 { $name }。

## 报告下面的汇总
summary = { $errors } 个错误，{ $warnings } 个警告，涉及 { $files } 个文件

## cairn check
no-problems = 没有发现问题

## cairn build
built = 已生成 { $pages } 个页面（{ $files } 个文件，{ $size }），用时 { $seconds } 秒 → { $out }

## cairn init 和 cairn new
init-done = 已在 { $dir } 新建站点（{ $files } 个文件）；下一步：进入该目录，运行 `cairn build`
new-done = 已创建 { $path }

## cairn book
book-wrote = 已写入 { $path }

## cairn serve
serving = 正在预览 { $root }：{ $url }（按 Ctrl+C 停止）
rebuilt = 已重新生成 { $pages } 个页面，用时 { $ms } 毫秒（渲染 { $rendered } 个，改动 { $changed } 个文件；{ $shown } 毫秒后页面已刷新）
output-removed = { $out } 被删除了（临时目录被清理？），正在重新生成

## 预览时的错误浮层
overlay-heading = cairn：上次构建失败，下面显示的是上一次成功的页面
overlay-close = 关闭
