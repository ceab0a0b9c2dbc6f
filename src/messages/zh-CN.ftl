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

## 诊断：标签，以及按固定代码（`错误[code]`，各语言相同）排列的问题和提示
diag-label-error = 错误
diag-label-warning = 警告
diag-label-hint = 提示
diag-unclosed-front-matter = front matter 没有结束
diag-unclosed-front-matter-hint = 用一行三个短横线 `---` 结束 front matter
diag-not-utf8 = 文件不是有效的 UTF-8 编码
diag-not-utf8-hint = 把文件另存为 UTF-8（多数编辑器在“编码”里可以选）
diag-unknown-field = 未知字段 `{ $field }`
diag-unknown-field-near = 是不是想写 `{ $near }`？自由填写的数据请放在 `extra:` 下
diag-unknown-field-known = 可用的字段：{ $fields }；自由填写的数据请放在 `extra:` 下
diag-unknown-member = 未知成员 @{ $handle }
diag-unknown-member-near = 是不是想写 @{ $near }？
diag-unknown-member-hint = @ 提及会链接到 content/members/ 里的成员资料；要写普通的 @，请写 `\@`
diag-answer-unknown-member = 回答者 @{ $handle } 不是成员
diag-answer-unknown-member-near = 是不是想写 `## @{ $near }`？（非成员的回答写作 `## @? 名字`）
diag-answer-unknown-member-add = 在 content/members/{ $handle }.md 添加成员资料，或改正 handle；非成员的回答写作 `## @? 名字`
diag-no-date = 这篇 { $kind } 没有日期
diag-no-date-hint = 在 front matter 里加上 `date: YYYY-MM-DD`，或让文件名以日期开头
diag-broken-link = 站内链接 `{ $target }` 指向的内容不存在
diag-broken-link-near = 是不是想写 `@/{ $near }.md`？
diag-broken-link-hint = 按源文件路径链接内容，例如 `@/qa/2024-03-12-ice-breaking.md`
diag-invalid-handle = `{ $handle }` 不是有效的成员 handle
diag-invalid-handle-hint = 文件名只用小写字母、数字、`-` 和 `_`，以字母或数字开头，例如 `zhangwei.md`
diag-not-a-content-folder = `content/{ $section }/` 不是内容文件夹，这个文件被忽略了
diag-not-a-content-folder-hint = 内容文件夹有 qa、solutions、talks、members 和 pages
diag-unreadable = 读不了这个文件：{ $error }
diag-reserved-handle = `{ $handle }` 是留给 `cairn import` 对不上号的人用的
diag-reserved-handle-hint = 用这个人的 handle 给成员文件命名，例如 `zhaoxm.md`
diag-unknown-platform = 未知的聊天平台 `{ $platform }`
diag-unknown-platform-near = 是不是想写 `{ $near }`？
diag-unknown-platform-known = 账号按平台列出，可用的平台：{ $platforms }
diag-unmapped-person = @{ $handle } 是聊天记录里 `cairn import` 没能对上号的人
diag-unmapped-person-hint = 在成员文件的 `accounts:` 下加上这个人的聊天账号（导入时的汇总列出了这几行），再把 @{ $handle } 换成这位成员的 handle，或者删掉这一段
diag-unmapped-person-field = 在成员文件的 `accounts:` 下加上这个人的聊天账号（导入时的汇总列出了这几行），再在这里写上这位成员的 handle
diag-unknown-handle = 未知成员 `{ $handle }`
diag-unknown-handle-near = 是不是想写 `{ $near }`？
diag-unknown-handle-add = 在 content/members/{ $handle }.md 添加成员资料，或改正 handle
diag-unknown-handle-credits = 贡献只能记给在 content/members/ 里有资料的成员
diag-unknown-item = 没有 `{ $target }` 这篇内容
diag-unknown-item-near = 是不是想写 `{ $near }`？
diag-unknown-item-hint = 引用内容要写成 `<文件夹>/<不带 .md 的文件名>`，例如 `qa/2024-03-12-ice-breaking`
diag-bad-url = `{ $field }` 必须是 http(s) 网址，或本站的路径
diag-bad-url-hint = 例如 `https://…` 或 `/static/talks/slides.pdf`
diag-unknown-credit-kind = 未知的贡献类型 `{ $kind }`
diag-unknown-credit-kind-near = 是不是想写 `{ $near }`？也可以给这一条写上 `points:`，或在 site.yaml 的 `credits.points` 下添加这个类型
diag-unknown-credit-kind-hint = 在 site.yaml 的 `credits.points` 下添加这个类型，或给这一条写上 `points:`
diag-no-anchor = `{ $target }` 里没有锚点 `#{ $anchor }`
diag-no-anchor-near = 是不是想写 `#{ $near }`？
diag-no-anchor-none = 那个页面没有可以链接的标题或回答
diag-no-anchor-known = 那个页面上的锚点：{ $anchors }
diag-accepted-without-answer = `{ $handle }` 被标为采纳，但这里没有 TA 的回答
diag-accepted-without-answer-hint = 添加一段以 `## @{ $handle }` 开头的回答，或改正 `accepted`
diag-dead-link-outside-base = 失效链接 `{ $url }`：它不在站点的基础路径 `{ $base }` 下
diag-dead-link-no-page = 失效链接 `{ $url }`：没有这个页面或文件
diag-dead-link-no-anchor = 失效链接 `{ $url }`：页面上没有锚点 `#{ $anchor }`
diag-dead-link-fix-here = 在这里改：它显示在 { $page }
diag-dead-link-fix-here-and = 在这里改：它显示在 { $page }（还有 { $other }）
diag-dead-link-fix-here-more = 在这里改：它显示在 { $page }（还有另外 { $count } 个页面）
diag-dead-link-in-output = 某个模板或整理稿链接到了生成结果里没有的页面或锚点
diag-dead-link-in-output-and = 某个模板或整理稿链接到了生成结果里没有的页面或锚点（还出现在 { $other }）
diag-dead-link-in-output-more = 某个模板或整理稿链接到了生成结果里没有的页面或锚点（还出现在另外 { $count } 个页面）
