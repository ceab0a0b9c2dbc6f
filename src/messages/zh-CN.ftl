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
diag-not-a-mapping = 这里应该是 `key: value` 形式的键值对
diag-not-a-mapping-hint = front matter 和设置文件都是 YAML 映射，例如 `title: …`
diag-xml-forbidden = `{ $field }` 里有 XML 不允许的字符 { $character }：订阅源和站点地图会因此无法解析
diag-xml-forbidden-hint = 删掉它；这种字符是由 "\x01" 或 "\uFFFF" 这样的 YAML 转义写出来的
diag-yaml = YAML 有误：{ $error }
diag-yaml-duplicate-key-hint = 每个键只能出现一次；保留其中一个
diag-yaml-quote-hint = 含有 `: ` 的值要加引号，例如 `title: "A: B"`
diag-yaml-indent-hint = 检查缩进：同一个映射里的键要对齐在同一列
diag-yaml-tab-hint = YAML 不允许用 Tab 缩进；请用空格
diag-yaml-type-hint = 每个字段要填什么类型，见 docs/CONTENT.md
diag-yaml-nesting-hint = 锚点和别名嵌套得太深；请直接写出这些值
diag-impossible-date-in = `{ $value }` 里的日期不存在
diag-impossible-time = `{ $value }` 里的 `{ $time }` 不是一天中的时间
diag-impossible-time-hint = 时间写作 HH:MM，从 00:00 到 23:59，例如 `2024-03-12 20:00–21:30`
diag-time-form = `{ $value }` 的写法 cairn 读不懂
diag-time-form-hint = 日期写作 YYYY-MM-DD，时间写作 HH:MM，用半角 `:`：请写成 `{ $fixed }`
diag-no-month = `{ $value }` 不是日期：没有 { $month } 月
diag-no-month-hint = 日期写作 YYYY-MM-DD，例如 `2026-11-28`
diag-no-day = `{ $value }` 不是日期
diag-no-day-hint = { $year } 年 { $month } 月只有 { $days } 天，最后一天是 { $last }
diag-date-form = `{ $value }` 这种日期写法 cairn 读不懂
diag-date-form-hint = 日期写作 YYYY-MM-DD：请写成 { $fixed }
diag-unknown-private-field = `{ $field }` 不是成员资料的字段
diag-unknown-private-field-near = 是不是想写 `{ $near }`？写不是字段的名字，什么也藏不住
diag-unknown-private-field-known = 可以设为私密的字段有 { $fields } 或 `links.<name>`
diag-listed-twice = `{ $handle }` 在 `{ $field }` 里写了两次
diag-listed-twice-hint = 每位成员只写一次
diag-credits-shape-hint = 每条贡献有 `member`、`kind`、`date`、`note` 和 `points`，每条评选有 `week`、`member`、`item` 和 `note`；见 docs/CREDITS.md
diag-symlink = 不会跟随符号链接；这个链接被忽略了
diag-symlink-hint = 把文件或文件夹复制到 content/ 里，不要用链接
diag-unreadable-path = 读不了：{ $error }
diag-theme-strings-hint = 界面文字是一个扁平的 `key: text` 映射
diag-site-yaml-not-utf8 = site.yaml 不是有效的 UTF-8 编码
diag-no-site-yaml = 读不了 site.yaml：{ $error }
diag-no-site-yaml-hint = 在站点文件夹（有 site.yaml 的文件夹）里运行 cairn，或者加上 --root DIR；`cairn init` 可以新建一个站点
diag-bad-base-url = base_url 必须是 http(s) 网址或路径
diag-bad-base-url-hint = 例如 `base_url: https://example.org/archive/`
diag-bad-timezone = 未知的时区 `{ $zone }`
diag-bad-timezone-hint = 写 IANA 时区名，例如 `Asia/Shanghai`、`Asia/Taipei`、`Asia/Hong_Kong` 或 `UTC`
diag-bad-duration = `{ $value }` 不是一段时长
diag-bad-duration-hint = 写分钟或小时，例如 `45m`、`90m` 或 `1h30m`
diag-paginate-zero = paginate 至少要是 1
diag-unknown-theme = 找不到主题 `{ $name }`
diag-unknown-theme-hint = 把主题放在 themes/{ $name }/ 里，或者删掉 `theme:`，使用内置的默认主题
diag-template-not-utf8 = 模板不是有效的 UTF-8 编码
diag-no-theme-strings = 主题没有 `{ $language }` 的界面文字
diag-no-theme-strings-hint = 给主题加上 { $path }，或者设置 `language: zh-CN` 或 `language: en`
diag-template-error = 模板出错：{ $error }
diag-template-error-hint = 模板语法（Tera 2）和每种页面能用的变量，见 docs/THEMES.md
diag-template-variable-hint = templates/ 里的某个站点模板可能用了这个页面没有的变量；见 docs/THEMES.md
diag-template-data = 无法把页面数据传给模板：{ $error }
diag-book-unreadable = 读不了这本书的定义：{ $error }
diag-book-field-near = 是不是想写 `{ $near }`？（docs/BOOKS.md 列出了所有字段）
diag-book-empty-part = “{ $title }”这一部分没有章节
diag-book-empty-part-hint = 给它写上 `items: [qa/…]`，或者写一个带 `kinds` 和 `tags` 的 `query:`
diag-book-page-chapter = `{ $target }` 是页面，不是整理稿
diag-book-page-chapter-hint = 章节只能是问答、方案和分享
diag-unknown-chapter = 没有 `{ $target }` 这篇内容
diag-unknown-chapter-near = 是不是想写 `{ $near }`？
diag-unknown-chapter-hint = 像 `@/` 链接那样写条目：`qa/2023-05-16-ice-breaking`
diag-book-unknown-kind = 未知的类型 `{ $kind }`
diag-book-unknown-kind-hint = 类型有 `qa`、`solution` 和 `talk`
diag-book-unknown-tag = 未知的标签 `{ $tag }`
diag-book-unknown-tag-near = 是不是想写 `{ $near }`？
diag-book-unknown-tag-hint = 查询里要写整理稿上已有的标签
diag-book-editor-hint = 编者要写 content/members/ 里成员的 handle
diag-book-no-preface = 前言 `{ $path }` 不存在
diag-book-no-preface-hint = 从站点文件夹写起：`books/preface.md`
diag-book-no-cover = 封面 `{ $path }` 不是 static/ 下的文件
diag-book-no-cover-hint = 像页面里那样写：`/static/covers/book.png`
diag-not-an-iso-week = `{ $week }` 不是 `2026-W48` 这样的 ISO 周
diag-no-such-week = { $year } 年只有 { $weeks } 个 ISO 周，所以没有 `{ $week }` 这一周
diag-iso-week-hint = 写成 ISO 年和周：`2026-W48`（`date +%G-W%V` 会打印本周）
diag-week-not-begun = `{ $week }` 这一周还没开始
diag-week-not-begun-hint = 评选奖励的是已经过去的一周；本周是 { $current }
diag-pick-member-hint = 评选只能给在 content/members/ 里有资料的成员
diag-unknown-pick-item = 没有 `{ $target }` 这篇内容
diag-unknown-pick-item-near = 是不是想写 `{ $near }`？
diag-unknown-pick-item-hint = 像 `@/` 链接那样写条目：`qa/2026-11-24-slug`
diag-pick-page = `{ $target }` 是页面，不是整理稿
diag-pick-page-hint = 请选一篇问答、方案或分享
diag-url-collision = 这篇内容会发布在 { $url }，和 { $path } 一样
diag-url-collision-hint = 给其中一个文件改名：两篇内容不能用同一个网址
diag-reserved-page-name = 页面不能叫 `{ $name }`
diag-reserved-page-name-hint = 这些名字已经给 cairn 自己的页面用了：{ $names }
diag-host-too-large = 生成结果有 { $size }，而 { $host } 最多只发布 { $max }
diag-host-too-many-files = 生成结果有 { $files } 个文件，而 { $host } 最多只接受 { $max } 个
diag-host-file-too-large = `{ $path }` 有 { $size }，而 { $host } 接受的单个文件最大 { $max }
diag-host-limits-hint = 生成结果为什么会大、哪个托管服务放得下，见 docs/DEPLOY.md
diag-unknown-string = `strings.{ $key }` 不对应任何界面文字
diag-unknown-string-near = 是不是想写 `{ $near }`？主题的键在它的 i18n/<language>.yaml 里（docs/THEMES.md）
diag-unknown-string-hint = 可用的键就是主题的 i18n/<language>.yaml 里的那些（docs/THEMES.md）
