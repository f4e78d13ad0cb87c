# folio 的中文提示信息：每个 ID 都与 en.ftl 一一对应，占位符相同（tests/i18n.rs 检查）。
# 中文用全角标点（，。：“”）；文件名、键名、数值照原样。

## General

internal-error = 错误：folio 内部出错（这是程序缺陷），没有写出任何文件。请连同引发问题的输入一起报告。
hint-line = 提示：{ $hint }
hint-inline = （提示：{ $hint }）

## Content: edition.toml (src/input/content.rs)

content-not-edition = { $dir } 不是一期报纸的目录：其中没有 { $file }
content-not-edition-hint = 请给出一期报纸的目录，如 content/jiangxi-special，或用 `folio new` 新建一期
content-date-plain = 出版日期只能是日期（不带时间和时区）
content-date-plain-hint = 按 TOML 本地日期书写，如 date = 2023-06-26
content-date-year = 出版日期的年份是 { $year }：folio 只排 { $from } 至 { $to } 年的报纸（它能印出这些年份的农历日期）
content-unknown-format = 未知的版式“{ $name }”
content-unknown-format-hint = 可用的版式：{ $formats }
content-page-unknown-format = 第 { $page } 版：未知的版式“{ $name }”
content-page-unknown-format-hint = 可用的版式：{ $formats }；或删去 `format`，沿用整期的版式
content-no-pages = 这一期没有任何版面
content-no-pages-hint = 至少加一个 [[pages]] 表，列出该版的稿件
content-story-outside-hint = 稿件文件须在项目目录之内，路径相对于本期目录
content-story-missing = 稿件文件 { $file } 不存在
content-story-missing-hint = 请核对文件名；稿件路径相对于本期目录
content-masthead-cn = `masthead.cn` = "{ $cn }" 不是国内统一连续出版物号（CN 号）
content-masthead-cn-hint = 写作 CN、两位省区代码、连字符和四位序号，可带 /分类号：cn = "CN 36-0012" 或 "CN 36-0012/Z"
content-masthead-postal = `masthead.postal_code` = "{ $code }" 不是有效的邮发代号
content-masthead-postal-hint = 写作一到两位数字、连字符和一到四位数字，如 postal_code = "43-12"
content-image-kind = { $what } { $file } 不是 { $exts } 文件
content-image-kind-hint = 请给出 { $exts } 文件
content-image-outside-hint = 图片须放在项目之内，如本期目录下的 photos/logo.svg
content-image-missing = { $what } { $file } 不存在
content-image-missing-hint = 请核对文件名；路径相对于本期目录
content-the-logo = 报头标志
content-logo-text = 报头标志 { $file } 用文字排出字样，其字体 folio 未必有（SVG 渲染时会不加提示地换用别的字体）
content-logo-text-hint = 请在绘图软件中把标志文字转为曲线（Illustrator：文字 → 创建轮廓；Inkscape：路径 → 对象转路径）后重新保存
content-logo-unreadable = 报头标志 { $file } 不是可读的 SVG：{ $error }
content-logo-unreadable-hint = 请从绘图软件重新导出为普通 SVG，或改用 PNG
content-the-ear-photo = 报眼图片
content-ear-no-masthead = 第 { $page } 版有报眼却没有报头：报眼排在报头旁边
content-ear-no-masthead-hint = 给该版加上 masthead = true，或删去它的 [pages.ear] 表
content-ear-empty = 第 { $page } 版的报眼是空的
content-ear-several = 第 { $page } 版的报眼放了不止一样内容
content-ear-kinds-hint = 报眼只放一样：title = "…"（配 see = [2]）、items = [{"{"} title = "…", page = 2 {"}"}]（导读）或 photo = "photos/….jpg"
content-ear-see-no-title = 第 { $page } 版的报眼有 `see` 却没有 `title`
content-ear-see-no-title-hint = `see` 属于报眼标题；导读条目各自带版次
content-ear-caption-no-photo = 第 { $page } 版的报眼有图片说明却没有图片
content-ear-caption-no-photo-hint = 加上 photo = "photos/….jpg"，或删去图片说明
content-ear-bad-page = 第 { $page } 版的报眼指向第 { $target } 版，但本期没有这一版
content-ear-item-page-hint = 每条导读都要指向本期列出的版面
pictures-side-by-side = 第 { $page } 版碰图：「{ $headline }」的图片与「{ $other }」的图片并排，中间只隔一道栏距
pictures-side-by-side-hint = 把其中一张上移或下移一个图高，或换到别的栏（`column`、`row`、`span`），或删去一张；并排的两张图读来像一张，或被当作另一篇的配图；自动组版的版面可改 `size` 或删稿换块
reading-order = 第 { $page } 版{ $column }阅读顺序颠倒：「{ $headline }」的正文从这里起，比右侧栏顶的正文低 { $lines } 行，读者先读到稿件中段
reading-order-hint = 让正文从标题下左上角起：图片放到块的右侧（`column`）或通栏压题（`under_head = true`），标题横排而不竖在第一栏；自动组版的版面可用 `max_span` 或删稿换块
ear-own-page = 第 { $page } 版的报眼把「{ $title }」指向本版
ear-own-page-hint = 导读只列其他版面的稿件：请指向稿件所在的版面，或删去此条，改放报眼标题或图片
content-ear-too-many = 第 { $page } 版报眼列了 { $n } 条导读；报眼最多容纳 { $most } 条（四开更少）
content-ear-too-many-hint = 只留读者最该翻看的稿件；构建时会说明这个报眼能放几条
content-ear-item-empty = 导读条目的标题是空的
content-ear-item-empty-hint = 写上报眼显示的一行，如稿件标题的缩写
content-too-many-pages = 这一期有 { $pages } 个版；folio 一期最多排 { $max } 个版
content-too-many-pages-hint = 把这一期分成几部分（每叠一个目录），分别生成
content-paper-empty = 报名是空的
content-paper-empty-hint = 写上报名，如 paper = "示例日报"：每版的版头线都印着它
content-field-too-long = `{ $key }` 有 { $chars } 个字；版头线只容得下 { $max } 个
content-field-too-long-hint = 改短一些（版头线把它和日期、版次、编辑署名排在同一行）
content-ear-see-hint = 报眼（见第N版）只能指向本期列出的版面
content-page-number-range = `pages[{ $index }].number` = { $number } 超出范围：版次为 1–{ $max }
content-page-number-range-hint = 写上版头线印的版次，如 number = 5
content-page-out-of-order = 第 { $number } 版列在第 { $before } 版之后：版次须按印刷顺序排列
content-page-out-of-order-hint = 把这个 [[pages]] 表移到第 { $before } 版之前（版面 PDF、对开和印版都按此顺序）
content-page-number-twice = 版次 { $number } 用了两次（第 { $first } 个和第 { $second } 个 [[pages]] 表）
content-page-number-twice-hint = 每个版各用一个版次
content-page-no-stories = 第 { $page } 版没有稿件
content-page-no-stories-hint = 在 `stories = [...]` 中列出稿件文件；若该版有意留空，写 `blank = true`
content-story-twice = 稿件文件 { $file } 列了两次（第 { $first } 版和第 { $second } 版）
content-story-twice-hint = 一篇稿件只排一次：只在一个版上列出（转版的稿件用 [[jumps]]）

## Stories and blocks (src/input/content.rs)

content-copyfit-range = `copyfit.{ $key }` = { $value } 超出范围：应是 0 到 { $max } 之间的比例
content-copyfit-range-hint = 如 { $key } = 0.02 表示 ±2%；0 表示关闭
content-house-words-many = `typography.words` 列了 { $count } 个词，folio 最多接受 { $max } 个
content-house-words-many-hint = 只列本期标题用到的人名和术语；常用词词典里已有
content-house-word = `typography.words` 中的“{ $word }”不合格：自定义词须为 2 到 { $max } 个字，不含空格
content-house-word-hint = 每个人名或术语单列一项，如 words = ["易炼红", "赣江新区"]
content-photo-lines-range = `copyfit.photo_lines` = { $value } 超出范围：应为 0–{ $max } 个网格行
content-photo-lines-range-hint = 如 photo_lines = 4
content-preflight-positive = [preflight] 的各项限值必须是正数
content-preflight-positive-hint = 如 warn_ppi = 200、error_ppi = 120、target_ppi = 300、max_ink = 240
content-preflight-order = [preflight] 的 error_ppi（{ $error }）高于 warn_ppi（{ $warn }）
content-preflight-order-hint = 图片分辨率低于 error_ppi 报错，低于 warn_ppi 警告：须 error_ppi ≤ warn_ppi
content-preflight-max-ppi = [preflight] 的分辨率最高 2400 ppi
content-preflight-max-ppi-hint = 新闻纸需要 200–300 ppi：如 warn_ppi = 200、target_ppi = 300
content-preflight-max-ink = [preflight] max_ink = { $value } 超过四色各 100%
content-preflight-max-ink-hint = 填印厂的总墨量上限（百分比），新闻纸如 240
story-jump-needs-block = 转版的稿件需要 [block]：folio 不自动安排转版
story-jump-needs-block-hint = 手工给稿件写 [block]（`folio place --write` 会为能自动安排的稿件写上），或删去 [[jumps]]
story-head-range = `block.head` = { $head } 超出范围：该稿块高 { $lines } 行，标题区只能占 0–{ $max } 行
story-head-size = `block.head_size` = { $size } 不是 { $format } 版式的主题字号之一（{ $sizes } pt）
story-head-size-hint = 写其中之一：{ $sizes }；或删去 `head_size`，按稿块栏数取字号（layouts/formats.toml 的 `heads`）
story-head-range-hint = 标题区的行数要少于稿块，给正文留出地方（或写 0，或删去 `head`，由 folio 决定）
story-cutout-range = `block.cutout` 的 span = { $span }、height = { $height } 构不成 L 形：稿块宽 { $columns } 栏、高 { $lines } 行，让出的角只能占 1 至 { $columns } 减 1 栏、1 至 { $lines } 减 1 行
story-cutout-range-hint = 让出的角要比稿块窄、比稿块矮（角里的稿件在那里另有稿块），或删去 `cutout`
story-cutout-clash = `block.cutout` 让给其他稿件的角压住了本稿的{ $what }
story-cutout-clash-hint = 把角改矮（`height`）或改窄（`span`），让它从标题、导语框和图片下面开始，上面至少留一行正文
story-text-columns-range = `block.text_columns` = { $columns }：稿块占 { $span } 栏，正文只能排成 1–{ $span } 栏
story-text-columns-range-hint = 把 `text_columns` 设在 1 到 { $span } 之间（比网格栏少而宽：变栏），或删去它
story-text-columns-with = `block.text_columns`（变栏）不能与 { $with } 同用
story-text-columns-with-hint = 删去 `text_columns` 或 { $with }：变栏的稿件在本版上占一个完整的矩形稿块
cutout-what-head = 标题区
cutout-what-lead = 导语框
cutout-what-photo = 图片
story-headline-empty = 标题是空的
story-headline-empty-hint = 写上稿件的主题
story-attribution-empty = 署名是空的：会印成一对空括号（ ）
story-attribution-empty-hint = 写上记者的名字（attribution = "叶祥森"），或者删去 `attribution`
story-section-head-empty = 小标题是空的：会印成一条空的黑底色条
story-section-head-empty-hint = 写上小标题，或把这一节的段落移到上一节（或正文）的末尾
story-briefs-none = 写了 `briefs = true`，但稿件没有 `[[sections]]`：简讯栏的每条简讯是一个 section
story-briefs-verse = `briefs = true` 不能与 `verse = true` 同用
story-briefs-hint = 每条简讯写成一个 `[[sections]]`（`head` 是它的标题，`body` 是正文），或者删去 `briefs`
story-key-empty = `{ $key }` 是空的：会在它的位置印出一块空白
story-key-empty-hint = 写上内容，或者删去 `{ $key }`
story-lead-empty-hint = 写上导语框的标题（核心提示）和正文，或者删去 `[lead]` 表
story-lead-span = 导语框跨 { $lead } 栏，而稿件只跨 { $span } 栏
story-lead-span-hint = 导语框的栏数应在 1 和稿件所跨栏数之间
story-photo-columns = 图片占稿件的第 { $first }–{ $last } 栏，但稿件只有第 1–{ $span } 栏
story-photo-columns-hint = 图片的栏从稿件的第一栏数起
story-photo-zero = 图片的 `{ $key }` 为 0：图片的栏从 1 数起，且至少占一栏
story-photo-zero-hint = 把 `{ $key }` 设在 1 到 { $span } 之间（稿件的栏数），或删去它，由 folio 安排图片
story-photo-height-zero = 图片高度为 0 行：图片需要占行
story-photo-height-zero-hint = 以网格行数给出含图片说明的高度（如 12），或删去 `height`，由 folio 按图片宽高比定高
story-photo-outside-hint = 图片须放在项目之内，如本期目录下的 photos/name.jpg
story-photo-missing = 图片 { $file } 不存在
story-photo-backslash = 图片路径 { $file } 里有 `\`
story-photo-backslash-hint = 文件夹之间请用 `/` 分隔（任何系统都通用）：file = "{ $fixed }"（文件名里也不要有 `\`）
story-photo-missing-hint = 请核对文件名；图片路径相对于本期目录
story-photo-focus-shape = `focus` 有 { $count } 个数，应为两个：[x, y]
story-photo-focus-range = `focus` 的值 { $value } 不在 0–1 之间
story-photo-focus-hint = 写出裁切时要保留的位置，以图片左上角起宽、高的比例表示，如 focus = [0.3, 0.2]（中心为 [0.5, 0.5]）
story-photo-under-head-keys = 写了 `{ $key }` 的图片（标题下的压题图、标题上的题上图）占整个稿块宽，不能再写 { $keys }
story-photo-under-head-keys-hint = 删去 { $keys }，或删去 `{ $key }`，自己摆放图片
story-photo-under-head-twice = 一篇稿件只能有一张横跨稿块的图片（压题图或题上图）
story-photo-under-head-twice-hint = 只在一张图片上写 `under_head = true` 或 `above_head = true`；其他图片用 `row` 摆放，或放在正文之下
story-photo-under-and-above-head = 一张图片不能既在标题下又在标题上
story-photo-under-and-above-head-hint = `under_head = true` 与 `above_head = true` 只留一个
story-photo-under-head-vertical = 竖排标题的稿件不能有横跨稿块的图片（`{ $key }`）
story-photo-under-head-vertical-hint = 删去 `{ $key }` 或 `vertical = true`
story-span-hint-range = `{ $key }` = { $value } 超出范围：该版只有第 1–{ $columns } 栏
story-span-hint-range-spread = `{ $key }` = { $value } 超出范围：跨版稿件可用两版的第 1–{ $columns } 栏
story-span-hint-range-hint = 把 `{ $key }` 设在 1 到 { $columns } 之间（稿块可跨的栏数），或删去
story-across-placed = `across = true` 让稿件跨过中缝，但它的 [block] 没有越过本版
story-across-placed-hint = 删去 `across`，或让稿块越过本版末栏（之后的栏属于对页），或删去 [block] 让 folio 跨版安排
story-across-not-centre = `across = true` 让稿件跨过中缝（跨版），而本版不是中间对开两版的左版
story-across-not-centre-hint = 把稿件列在中间两版的左版（偶数页数的版面的正中两版，左为偶数版），或删去 `across`
story-priority-zero = `priority` = 0：稿件的主次从 1 算起，1 是本版头条
story-priority-zero-hint = 头条写 priority = 1，其次写 2，依此类推；或不写（按本版 stories 列表的顺序）
story-min-max-span = `min_span` = { $min } 大于 `max_span` = { $max }：稿件没有可用的栏宽
story-min-max-span-hint = 须 min_span ≤ max_span，如 min_span = { $min }、max_span = { $max }
story-too-many-chars = 这篇稿件正文有 { $chars } 字；folio 一篇稿件最多排 { $max } 字
story-too-many-chars-hint = 拆成几篇稿件（或检查文件里是不是只有一篇稿件，而不是一整期）
story-too-many-paragraphs = 这篇稿件有 { $paras } 段；folio 一篇稿件最多排 { $max } 段
story-too-many-paragraphs-hint = 拆成几篇稿件；段与段之间用空行分隔
story-field-too-long = `{ $key }` 长 { $chars } 字；标题类的一行最多 { $max } 字
story-field-too-long-hint = 压缩 `{ $key }`：它用标题字排一两行
story-caption-too-long = 第 { $photo } 张图片的说明长 { $chars } 字；图片说明最多 { $max } 字
story-caption-too-long-hint = 压缩图片说明；长文字应放进正文
block-across-facing = （第 { $columns } 栏以后的栏排在对页上）
block-across-centre-only = ；只有中间跨页的左版能跨版排稿件
block-column-range = `{ $key }` = { $value } 超出范围：{ $format } 网格只有第 1–{ $max } 栏
block-column-range-hint = 把 column 设在 1 到 { $max } 之间{ $across }
block-span-zero = `{ $key }` = 0 超出范围：稿块至少跨一栏
block-span-zero-hint = 把 `{ $key }` 设在 1 到 { $max } 之间
block-span-range = 稿块占第 { $first }–{ $last } 栏，但 { $format } 网格只有第 1–{ $max } 栏
block-span-range-hint = 把 `{ $key }` 设在 1 到 { $most } 之间，使 column + span - 1 ≤ { $max }{ $across }
block-top-under-banner = `{ $key }` = { $value } 超出范围：第 0–{ $last } 行是该版的通栏标题或报头
block-top-range = `{ $key }` = { $value } 超出范围：{ $format } 网格只有第 0–{ $last } 行
block-top-range-hint = 把 top 设在 { $min } 到 { $max } 之间
block-height-range = 稿块占第 { $top }–{ $bottom } 行，但 { $format } 网格只有第 0–{ $last } 行
block-height-range-hint = 把 `{ $key }` 设在 1 到 { $max } 之间（top = { $top } 以下剩下的行数）
banner-across-no-banner = 第 { $page } 版：有 banner_across 却没有通栏标题
banner-across-no-banner-hint = 给该版加上 banner = "…"，或删去 banner_across
banner-across-masthead = 第 { $page } 版的通栏标题跨过对页，但第 { $right } 版有自己的报头
banner-across-banner = 第 { $page } 版的通栏标题跨过对页，但第 { $right } 版有自己的通栏标题
banner-across-hint = 删去第 { $right } 版的通栏标题（或报头）
banner-across-not-centre = 第 { $page } 版不是中间跨页的左版：它的通栏标题不能跨版
banner-across-not-centre-hint = 只有一期正中的两个版（偶数版和紧接的奇数版，版式相同）印在同一张纸上；banner_across 只能设在那里
jump-format = 稿件从 { $from } 版转到第 { $page } 版，而该版是 { $to }
jump-format-hint = 转到版式相同的版上
jump-backwards = 稿件转到第 { $page } 版，但该版不在起始版之后
jump-backwards-hint = 稿件只能转到后面的版；按版序列出转版
jump-no-page = 稿件转到第 { $page } 版，但本期没有这一版
jump-no-page-hint = 用 edition.toml 中列出的版次
jump-too-short = 转版稿块只有 { $lines } 行高；转版至少要 3 行（转版标题和正文）
jump-too-short-hint = 转版稿块至少高 3 个网格行
block-overlap = 该稿块与第 { $page } 版 { $other } 的稿块重叠
block-overlap-hint = 移动或缩小其中一个稿块，使两者不共用任何网格单元

## TOML sources (src/input/source.rs)

source-not-utf8-line = 文件不是 UTF-8 编码（第一个错误字节在第 { $line } 行）：看来是 { $encoding }
source-not-utf8 = 文件不是 UTF-8 编码：看来是 { $encoding }
source-not-utf8-hint = 把文件存为 UTF-8（编辑器里“另存为 → 编码：UTF-8”；WPS/Word 选“纯文本，UTF-8”），或转换：iconv -f { $iconv } -t UTF-8 { $file } > fixed.toml
source-cr-line-ends = 文件的行尾只有回车符（CR，旧版 Mac OS 的存法），TOML 不把它当作行尾
source-cr-line-ends-hint = 把文件存为 LF 行尾（编辑器里“行尾 → LF 或 CRLF”），或转换：tr '\r' '\n' < { $file } > fixed.toml
ime-fullwidth-equals = 全角等号
ime-curly-open-quote = 中文左引号
ime-curly-close-quote = 中文右引号
ime-curly-open-single = 中文左单引号
ime-curly-close-single = 中文右单引号
ime-fullwidth-bracket = 全角方括号
ime-chinese-bracket = 中文方头括号
ime-fullwidth-brace = 全角花括号
ime-fullwidth-comma = 全角逗号
ime-fullwidth-colon = 全角冒号
ime-fullwidth-number-sign = 全角井号
ime-fullwidth-space = 全角空格
source-ime-hint = `{ $char }`（U+{ $code }）是用中文输入法打出的{ $what }；这里 TOML 需要 ASCII 的 `{ $ascii }`：输入键名、`=`、引号和括号时请把输入法切到英文（或半角）
source-did-you-mean = 是不是要写 `{ $key }`？
char-bidi-override = 双向文字控制符
char-direction-mark = 不可见的方向标记
char-control = 控制字符
char-noncharacter = 非字符码位
char-rtl = 从右向左书写的文字（folio 不排这类文字）
char-tab = 行内的制表符
char-soft-hyphen = 软连字符：看不见的断行点，行在此断开时会印出一个连字符
char-stacked-marks = 组合附加符号叠在另一个组合附加符号上：印出来会互相压住
char-invisible = 看不见的字符，印出来什么也没有（或是一个方框）
char-rtl-hint = folio 只排中文和从左向右的文字：把从右向左的文字从 `{ $key }` 中删去（或做成图片）
char-bidi-hint = 把它从 `{ $key }` 中删去：它在屏幕上会改变文字顺序，印刷时却不会，校样和印版会不一致
char-delete-hint = 把它从 `{ $key }` 中删去（多半是随稿件粘贴进来的）；要空格处打空格或全角空格　（U+3000）
char-bad = `{ $key }` 中有 { $code }，即{ $what }
source-cannot-read = 无法读取 { $file }：{ $error }
source-expected-here = 这里应是{ $expected }
toml-unknown-field-hint = 删去或改正这个键；{ $expected }只接受上面列出的键（见 README.md“Content format”一节）
toml-missing-field-hint = 给{ $expected }补上缺少的键（见 README.md“Content format”一节）
toml-invalid-type-hint = 把值改成该键要求的类型（见 README.md“Content format”一节）
toml-dotted-table = `{ $table }` 写成了点号键（{ $table }.…），folio 不读这种写法
toml-dotted-table-hint = 请写成表：在文件其他键之后单独一行写 `[{ $table }]`，再每行一个键（`column = 1`）；或写成内联表：`{ $table } = {"{"} column = 1, … {"}"}`
toml-syntax-hint = 请改正 TOML 语法；这个文件应是{ $expected }
toml-unknown-field = 未知的键 `{ $key }`，可用的键：{ $expected }
toml-missing-field = 缺少键 `{ $key }`

## What a file holds

expected-edition = 一期报纸的描述（[edition] 和 [[pages]]）
expected-story = 一篇稿件

## Page formats

expected-formats = 版式定义

## Preflight findings (src/check/preflight.rs)

head-area-vertical = 竖排时超出稿块底部（稿块高 { $has } 行）
head-area-given = 而标题区只有 { $has } 行（block.head = { $has }）
head-area-block = 而稿块顶部以下只有 { $has } 行，正文已无处可排
head-overset-vertical-hint = 压缩标题（或引题、副题、署名，各占标题旁一行），加高稿块，或改为横排标题（删去 `vertical`）
head-overset-given-hint = 压缩标题（或引题、副题），把标题区设为 { $needs } 行（head = { $needs }），或加宽稿块
head-overset-hint = 压缩标题（或引题、副题），或加宽、加高稿块
head-overset = 第 { $page } 版标题溢排：标题需要 { $needs } 行，{ $area }
overset = 第 { $page } 版溢排：{ $lines } 行（约 { $chars } 字）排不进稿块
overset-hint = 删减稿件，或加高、加宽稿块
underset = 第 { $page } 版缺稿：各栏在稿块底部以上 { $lines } 行就结束了
underset-hint = 补充稿件、放大图片，或压低稿块
copyfit = 第 { $page } 版自动调整：{ $change }，以排满稿块
copyfit-hint = 这是 fit = "auto" 所做的调整；删去 fit = "auto" 即按原样排
photo-error = 图片 { $file }：{ $error }
photo-unreadable-hint = 换成可读的 JPEG 或 PNG 文件，或改正路径
photo-low-ppi = 图片 { $file } 在第 { $page } 版上的分辨率只有 { $ppi } ppi（{ $width }×{ $height } 像素印成 { $width_mm }×{ $height_mm } 毫米），低于 { $limit } ppi
photo-cropped = 图片 { $file } 在第 { $page } 版上只露出画面{ $part }的 { $share }%：图框把它裁成了一条
photo-cropped-width = 宽度
photo-cropped-height = 高度
photo-cropped-hint = 让图高随画面比例（删去 `height`），或把高度、跨栏改得更接近画面形状；`focus` 决定保留哪一部分
photo-low-ppi-hint = 这个尺寸要用至少 { $width }×{ $height } 像素的图片，或把图片排小些（少跨几栏）
photo-low-ppi-ear-hint = 报眼图片请用至少 { $width }×{ $height } 像素的文件
ear-title-small = 第 { $page } 版报眼标题有 { $n } 个字：为放进报眼的高度被缩到 { $size } pt，小得读不清
ear-title-small-hint = 缩短到 { $most } 个字以内（9 pt），或改用导读条目指向稿件
ear-items-over = 第 { $page } 版报眼列了 { $n } 条导读，只能上下排开 { $fits } 条：其余的压在它们上面或排出了报眼底边
ear-items-over-hint = 删去 { $cut } 条（这个报眼放得下 { $fits } 条）
ear-item-small = 第 { $page } 版报眼的导读“{ $title }”为放进报眼的宽度被缩到 { $size } pt，小得读不清
ear-item-small-hint = 缩短这一条（导读以 12 个字以内为宜）
glyph-times = （{ $count } 处）
glyph-in-paragraph = ，在段落“{ $context }”中
glyph-missing = 第 { $page } 版的字符 { $char }（{ $code }）没有字体能排{ $times }{ $place }：印出来会是空框
glyph-missing-hint = 把 { $code } 换成字体里有的字，或把含有该字的字体放进 fonts 目录（`folio fonts` 列出已有字体）
ink-what-text = 文字“{ $text }”
ink-what-rule = 线条
ink-what-fill = 底色
ink-not-k = 第 { $page } 版：{ $count } 处着色不是单黑（K），第一处是{ $what }，颜色 { $colour }
ink-not-k-hint = 文字、图片说明和线条只能印单黑：在 layouts/style.typ 中用 st.ink / st.tint()（cmyk 0/0/0/k）
ink-over-limit = 第 { $page } 版：总墨量达到 { $tac }%（在 { $source } 中），超过上限 { $limit }%
ink-over-limit-hint = 用印厂的特性文件（其总墨量上限）对图片分色，或在印刷允许时调高 [preflight] max_ink
typo-column = 第 { $column } 栏
typo-story-column = 本稿第 { $column } 栏（版面第 { $page_column } 栏）
loose-line = 第 { $page } 版有松行：「{ $text }」字距被拉开了 { $percent }% 个字宽
loose-line-hint = 改动段中一两个字（整字成行就不必拉开字距），或用 fit = "auto" 调整字距
loose-line-house-hint = 下一行以“{ $word }”开头，它在本社词表（`[typography] words`）中，正文不拆开：改动它前面的一两个字，让本行正好在它之前结束，或把它移出词表
loose-words = 第 { $page } 版有松行：「{ $text }」的词间空白宽达 { $em } 个字宽
loose-words-hint = { $chars } 字宽的栏里排英文，每行只容两三个词，行内空余全落在词间：把稿件排成宽栏（变栏：两栏宽的稿块在 [block] 里写 `text_columns = 1`，每行可容加倍的词），改动这一行的词句（换一个能断字的长词，或一个排得下的短词），或让英文只作人名、引语夹在中文里
kinsoku = 第 { $page } 版有违反禁则的断行：「{ $text }」行首是点号、后括号、后引号或单位符号（℃、‰），或行末是前括号、前引号或符号（±、¥）
kinsoku-hint = 点号和后括号、后引号随前一个字，前括号、前引号随后一个字，单位和符号随所属数字：在段中增删一两个字，让这一行在别处断开
widow = 第 { $page } 版{ $column }有孤行：段落末行「{ $text }」单独排在栏首
widow-hint = 在段中增删几个字，让末行移动，或把稿块加高或压低一行
orphan = 第 { $page } 版{ $column }有寡行：段落首行「{ $text }」单独排在栏末
orphan-hint = 在该段之前增删一行，或把稿块加高或压低一行
widow-placed-hint = 在该段增删几个字，使其末行移走（此稿由 folio 排定：改稿后重新排版）
orphan-placed-hint = 在该段之前增删一行文字（此稿由 folio 排定：改稿后重新排版）
short-column = 第 { $page } 版{ $column }短栏：正文在栏底以上 { $lines } 行就结束了
short-column-hint = 增删一行稿件，或把稿块高度、图片高度调整一行，使各栏齐平（齐栏）
short-column-cut-hint = 从稿尾删约 { $cut } 字（最后 { $lines } 行{ $at }）并把标题区加深一行（[block] 里 `head = { $head }`），或增约 { $add } 字，使各栏齐平（齐栏）
short-column-squeeze-hint = 紧排收回 { $lines } 行并把标题区加深一行（[block] 里 `squeeze = { $squeeze }` 和 `head = { $head }`），或从稿尾删约 { $cut } 字（最后 { $lines } 行{ $at }）并加深标题区，或增约 { $add } 字，使各栏齐平（齐栏）
short-column-cut-placed-hint = 从稿尾删约 { $cut } 字（最后 { $lines } 行{ $at }）或增约 { $add } 字，再重新生成：folio 重新组版，使各栏齐平（齐栏）
short-cut-paragraphs = ，即末 { $n } 段「{ $text }……」
short-cut-sentence = ，自「{ $text }……」删至文末
short-cut-within = ，自句中「{ $text }……」起：请在前句收尾
short-column-whole-hint = 稿件各栏都短一行：把标题区加深一行（[block] 里 `head = { $head }`），或增约 { $add } 字，使各栏齐平（齐栏）
short-column-add-hint = 增约 { $add } 字，使各栏齐平（齐栏）；也可调整稿块高度或图片高度
hole = 第 { $page } 版{ $column }开天窗：版心有 { $lines } 行没有稿块、通栏或报头覆盖
hole-hint = 把其上或其下的稿块加高，或在此处安排一篇稿件或一张图片（也可去掉本版的稿块，由 folio 自动组版）
fold-split-headline = 第 { $page }–{ $next } 版的跨版标题在中缝处断在词中间：「{ $text }」
fold-split-banner = 第 { $page }–{ $next } 版的跨版通栏在中缝处断在词中间：「{ $text }」
overprint = 第 { $page } 版有文字叠印：「{ $first }」压在「{ $second }」上{ $pairs ->
    [1] {""}
   *[other] ，共 { $pairs } 对字
    }
overprint-hint = 标题或文字压住了别的文字：缩短标题或给稿块更多空间；若是版式自己排成这样，请报告
too-wide = 第 { $page } 版{ $column }有文字超出栏宽：「{ $text }」比可用宽度多出 { $over } pt，压到栏间空白和旁边的文字上
too-wide-hint = folio 照原文排版，正文里只给纯字母的英文单词断词加连字符：数字、网址以及夹有数字或符号的单词只在空格或连字符处换行。在可以断开的地方加一个空格或连字符（如长网址在 / 之后），或把它改短
too-wide-hint-chinese = 只有中文和标点的一行总能排进栏内，这是 folio 或模板的问题，不是稿件的问题：请连同这篇稿件报告。临时办法：改动附近几个字，换行位置随之改变，即可出版
fold-split-hint = 在应从中缝断开的两个词组之间加一个空格或换行（\n），或移动稿块，使中缝落在词与词之间
long-leg = 第 { $page } 版有长腿：第 { $photo } 张图片旁只有一栏正文，长 { $lines } 行
long-leg-hint = 把图片加宽到整个稿块，或收窄两栏（让旁边有两栏正文），或把图片压低
long-leg-stories = 第 { $page } 版有长腿：本稿正文只有一栏，在别的稿件旁长 { $lines } 行
long-leg-stories-hint = 让这里有两栏正文（加宽稿块，或把 L 形稿块的缺角收窄一栏），或删减稿件，使这一栏不超过 { $most } 行
photo-rank = 第 { $page } 版本稿图片不小于头条图片：{ $width } × { $height } 毫米，头条「{ $lead }」为 { $lead_width } × { $lead_height } 毫米
head-rank = 第 { $page } 版「{ $headline }」标题不小于头条标题：本题 { $size } 磅，头条「{ $lead }」{ $lead_size } 磅
head-rank-hint = 头条标题应为本版最大：把本稿 `head_size` 改小（取版式 `heads` 中的字号）或把 `span` 改窄；或把头条的 `head_size` 改大、`span` 改宽；若本稿才是本版头条，给它 `priority = 1`
head-rank-placed-hint = 头条标题应为本版最大，而自动组版找不到这样的版式：给本稿较小的 `max_span`，或给头条较大的 `min_span`，或删减头条正文让其版块加宽；若本稿才是本版头条，给它 `priority = 1`
front-lead-rank = 头版头条标题小于内版标题：第 { $page } 版「{ $headline }」{ $size } 磅，第 { $inside_page } 版「{ $inside }」{ $inside_size } 磅
front-lead-rank-hint = 头版头条标题应为全报最大：把头条的 `head_size` 改大（取版式 `heads` 中的字号）或把 `span` 改宽；或把内版该稿的 `head_size` 改小、`span` 改窄
front-lead-rank-placed-hint = 头版头条标题应为全报最大：删减头条正文让自动组版加宽其版块（见本版 better-with-cuts 建议），或给头条较大的 `min_span`，或把内版该稿标题改小
photo-rank-hint = 头条图片应为本版最大：给本图 `size = "small"`（不写 `size` 即为默认的 medium），或把 `span`、`height` 改小；或给头条图片 `size = "large"`，或把其 `span`、`height` 改大；自动组版的版面删减头条正文也可给图片腾出位置
heads-side-by-side = 第 { $page } 版碰题：「{ $first }」与「{ $second }」在相邻栏的同一行并排
stacked-heads = 第 { $page } 版叠题：「{ $second }」压在「{ $first }」之下，中间只隔 { $lines } 行
stacked-heads-hint = 让上面一篇的稿块在标题下至少留 { $least } 行（加深稿块，或收窄稿块让正文排得更长），或把下面一篇往下移
heads-staggered = 第 { $page } 版碰题：「{ $first }」与「{ $second }」在相邻栏并排，错开不到一个标题的高度
heads-side-by-side-hint = 把两个稿块错开一个标题的高度以上，或让前一篇稿件做成 L 形稿块包住另一篇（[block] 里的 `cutout`）
heads-side-by-side-turn = ；或把「{ $story }」的标题改为竖题（在它的文件里写 `vertical = true`：竖题挨着横题不算碰题）
heads-side-by-side-placed = 本版由 folio 自动组版：如果它给出删减建议（better-with-cuts），先照做；或者{ $hint }
heads-side-by-side-unmended = 本版由 folio 自动组版，试过的删减都不能消除这处碰题：先用 `folio place --write` 把稿块写进稿件文件，再{ $hint }
long-vertical-head = 竖题有 { $chars } 个字：「{ $headline }」竖排在一栏里，一直排到稿块深处，或含有不能直立的数字、字母
long-vertical-head-hint = 竖题应是短标题：一到两个短语（中间用 `\n` 分开），每个不超过 { $most } 个字，标题、引题和副题里都没有超过两个字符的数字或字母串；请改短，或去掉 `vertical = true`
deep-head = 第 { $page } 版标题区过深：标题只需 { $needs } 行，标题区却有 { $has } 行（标题下留白）
deep-head-hint = 在 [block] 中写 `head = { $needs }`（或删去 `head`，由 folio 决定），把多出的行留给正文
squeeze-unused = 第 { $page } 版的 `squeeze = { $asked }` 超过本稿能收回的行数：{ $can ->
    [0] 没有一段紧排后能少一行
   *[other] 只有 { $can } 段紧排后能少一行，只能收回 { $can } 行
}
squeeze-unused-hint = { $can ->
    [0] 删去 [block] 中的 `squeeze`
   *[other] 在 [block] 中改为 `squeeze = { $can }`
}；仍多出的行，请加大稿块或删减稿件
squeeze-unused-copyfit-hint = 本稿设为 `fit = "auto"`，字距由自动调整决定，`squeeze` 不起作用：请删去
allowed-overset = （--allow-overset 允许）
refused-white = ——印刷版不能留空：补上稿件、图片或调整稿块高度；若这块地方留给稍后放入的内容，用 --allow-holes 构建

## Punctuation

half-width-bracket = 中文里用了半角括号：{ $pair }
half-width-bracket-hint = GB/T 15834 规定中文用全角括号：写作 { $full }，或在 edition.toml 的 [typography] 下设 full_width_brackets = true，全部自动转换
half-width-mark = 中文里用了半角标点“{ $mark }”：{ $context }
half-width-mark-hint = GB/T 15834 规定中文用全角标点：写作 { $full }，或在 edition.toml 的 [typography] 下设 full_width_marks = true，全部自动转换（9:30、1,277 不变）
html-in-copy = 稿件中有 HTML 代码：{ $markup }（来自网页或采编系统），会照原样印出
html-entity-hint = 改为它所代表的字符：{ $text }
html-entity-space-hint = 它代表一个空格：删去即可（中文稿不用空格；外文词之间写一个空格）
html-tag-hint = 删去即可：空一行即分段，字体字号由版式模板决定
full-width-alnum = 用了全角字母或数字：{ $run }
full-width-alnum-hint = 数字和外文字母用半角（GB/T 15835；本报数字两个占一字宽）：写作 { $half }，或在 edition.toml 的 [typography] 下设 half_width_alnum = true，全部自动转换
punctuation-more = 本稿另有 { $count } 处同类问题，其中第一处：{ $first }

## Reports (src/cmd/report.rs)

report-jump-blocks = ，另有 { $n } 个转版稿块
report-balance-exact = 正好
report-balance-short = 缺 { $chars } 字
report-balance-over = 超 { $chars } 字
report-block-line = { $name }：稿块 { $cols } × { $lines } 行{ $jumps }（{ $placed }）可容约 { $capacity } 字，稿件 { $copy } 字（{ $balance }）{ $advised }
report-advised-cut = ；删约 { $chars } 字版面更好
report-advised-add = ；增补约 { $chars } 字版面更好
report-placed-by-folio = folio 安排
report-placed-by-hand = 手工安排
count-cols = { $n } 栏
count-stories = { $n } 篇稿件
count-body-lines = 正文 { $n } 行
count-overset-lines = 溢排 { $n } 行
count-photos = { $n } 张图片
count-errors = { $n } 个错误
count-warnings = { $n } 个警告
count-pages = { $n } 个版
report-photos = { $photos }（最低 { $ppi } ppi）
report-downsampled = ，降采样省下 { $size }
report-grayscale = ，灰度
report-ink-max = 最大墨量 { $percent }%
report-ok = 通过
report-list-two = { $a }，{ $b }
report-separator = ，
report-page-line = 第 { $page } 版：{ $parts } —— { $verdict }
report-build-failed = 错误：生成失败，有 { $errors }；没有写出任何文件
report-the-page = 本版
report-the-edition = 本期
report-not-on-page = 不在任何版上
report-edition-line = { $edition }：{ $pages }，{ $errors }，{ $warnings }

## folio build (src/cmd/build.rs)

build-bleed-range = --bleed { $bleed }：出血须在 0 到 { $max } 毫米之间
build-bleed-range-hint = 按印厂要求给出血，单位毫米（通常为 3；0 表示不要出血）
build-jobs-zero = --jobs 0：一次至少要生成一期
build-jobs-zero-hint = 删去 --jobs 即用上全部处理器核心
build-emit-typst-failed = 错误：--emit-typst 失败；{ $out } 中的文件都没有改动
build-failed-unchanged = 错误：生成失败；{ $out } 中的文件都没有改动
wrote-file = 已写出 { $file }
build-failed-nothing = 错误：生成失败；没有写出任何文件
batch-errors = 有错误；没有写出任何文件
batch-preflight-errors = 印前检查发现 { $errors }；没有写出任何文件
batch-emit-typst-failed = --emit-typst 失败；没有写出任何文件
batch-output-failed = 输出失败；这一期什么都没有写出
batch-collision = { $a } 和 { $b } 会写出同名的输出文件（{ $name } / { $other }）
batch-skipped = 注意：跳过了 { $path }：不是一期报纸的目录
batch-built = [{ $n }/{ $total }] 已生成 { $path }（{ $pages }）
batch-failed-one = [{ $n }/{ $total }] 失败 { $path }：{ $why }
batch-names-collide = 输出文件重名；未生成
batch-names-collide-hint = 给其中一期的目录改名，或分别生成到不同的 --out 目录
batch-summary = 共 { $total } 期，生成了 { $built } 期（{ $files } 个文件），用时 { $seconds } 秒，{ $jobs } 个并行任务
batch-failed = 错误：{ $total } 期中有 { $failed } 期失败：

## Command output (src/cmd/mod.rs)

more-warnings = 警告：另有 { $n } 个同类的 { $code } 警告（`folio check --format json` 全部列出；`folio proof` 在版面上标出）

## Placement (src/layout/place.rs)

place-not-rectangle = 第 { $page } 版：手工安排的稿块给没有 [block] 的稿件留下的地方不是一个矩形
place-not-rectangle-hint = folio 只在版面上的一个矩形区域里安排稿件：给空当周围的稿件手工写 [block]，或把手工安排的稿块移到一侧或顶部
place-too-many = 第 { $page } 版：在 { $columns } 栏 × { $lines } 行的区域里有 { $stories } 篇没有 [block] 的稿件，超过 folio 一次能安排的数量（最多 { $max } 篇）
place-too-much = 第 { $page } 版：在 { $columns } 栏、{ $lines } 行的版心上为这 { $stories } 篇稿件组版，工作量超过 folio 为一个版面设定的上限（稿件很长，网格很细）
place-too-many-hint = 给该版部分稿件手工写 [block]（其余的由 folio 排在下面），或把稿件移到别的版
place-across-many = 第 { $page } 版：{ $first } 已经跨版；只能有一篇稿件跨过中缝
place-across-many-hint = 只给本版一篇稿件保留 `across`
place-across-areas = 第 { $page }、{ $right } 版：有稿件要跨版，但两版手工稿块留下的空间没有在中缝两侧同样的行上相接
place-across-areas-hint = 让两版在中缝两侧从同一行到同一行都空出来（或手工给这篇稿件写 [block]）
place-across-none = 第 { $page }、{ $right } 版：找不到能容下 { $story }、又让两版其余稿件填满余下空间的跨版稿块
place-across-none-hint = 调整稿件长度（去掉 `across` 运行 `folio place` 可看到每版缺多少、超多少），放宽栏宽范围（跨版时 `min_span`、`max_span` 按两版的栏数计），或手工写 [block]
place-across-nearest = 这是在 { $story } 跨版（`across = true`）从第 { $page } 版第 { $first } 栏到第 { $right } 版第 { $last } 栏、自第 { $top } 行起 { $lines } 行的情况下：这是让两版最接近排满的跨版稿块
place-min-span = 第 { $page } 版：{ $story } 要求至少 { $min } 栏（`min_span`），但 folio 在那里安排的稿件一共只有 { $columns } 栏
place-min-span-hint = 把 `min_span` 降到 { $columns } 或以下，或腾出地方：移开使版面变窄的手工稿块
place-no-copy = 第 { $page } 版：{ $story } 没有正文，而 folio 按正文安排稿件
place-no-copy-hint = 写上稿件正文，或手工给它写 [block]
place-over = 第 { $page } 版：{ $stories } 篇稿件的正文比版面（{ $columns } 栏 × { $lines } 行）多出约 { $chars } 字
place-over-hint = 删减约 { $chars } 字（如从 { $from } 中删），或{ $drop }，或手工给一篇稿件写 [block]
place-drop-any = 从该版撤下一篇稿件
place-drop-story = 从该版撤下 { $story }（其余稿件即可排出）
place-drop-two = 撤下 { $first } 和 { $second }（撤一篇不够；撤下这两篇，其余稿件可以排下）
place-and = 和
place-short = 第 { $page } 版：{ $stories } 篇稿件的正文比版面（{ $columns } 栏 × { $lines } 行）少约 { $chars } 字
place-short-hint = 补充约 { $chars } 字或一张图片，或再移一篇稿件到该版
place-as-briefs = 把这些短稿（{ $list }）合成一栏简讯：一篇 `briefs = true` 的稿件，每条一个 `[[sections]]`，写 `head` 和 `body`（见 README.md）
place-reordered = 第 { $page } 版：按所列顺序排不出版面；folio 的阅读顺序改为 { $order }
place-reordered-hint = 给稿件写 `priority`（1、2……）以固定顺序，或把某篇稿件增减几行；`folio place --write` 会把这些稿块（{ $order }）写进稿件文件
place-no-arrangement = 第 { $page } 版：{ $stories } 篇稿件大致正好填满版面，但没有一种整块的排法能让每篇稿件既不留空当也不溢排
place-no-arrangement-hint = 给另一篇稿件 `priority = 1`（其余稿件的别种顺序 folio 已试过），把某篇稿件增减几行，{ $widen }或手工给一篇稿件写 [block]
place-widen-span = 放宽某篇稿件的 `min_span`–`max_span` 范围，
place-max-span-cut = { $story } 的 `max_span = { $most }`（{ $at }）把它限制在 { $most } 栏宽：稿块宽一些就能多容纳它的文字。先调大 `max_span`（或去掉它）再排，然后再决定是否删去它的 { $chars } 字
place-jump = { $story } 对本版来说太长：与其删去 { $chars } 字，不如转版，接到后面的版面——在这里给它写 [block]，在接续的版面写 [[jumps]] 稿块（folio 不会自动安排转版）
place-fix-from-at = { $story } 约 { $chars } 字{ $at }
place-cut-paragraphs = （末 { $n } 段，「{ $text }……」）
place-cut-sentence = （自「{ $text }……」删至文末）
place-cut-within = （末 { $lines } 行，自句中「{ $text }……」起：请在前句收尾）
place-fix-from-all = { $story } 全文（{ $total } 字）——撤下此稿
place-fix-from-most = { $story } 约 { $chars } 字——全文 { $total } 字，删去大半，不如撤下
place-fix-to = { $story } 约 { $chars } 字
place-fix-cut = 删减{ $list }
place-fix-add = 补充{ $list }
place-list-sep = 、
place-fix-sep = ；
place-over-nearest-hint = { $fix }（最接近的整块排法所需），或{ $drop }，或手工给一篇稿件写 [block]
place-short-nearest-hint = { $fix }（最接近的整块排法所需），或加一张图片，或再移一篇稿件到该版
place-flaw-heads = { $n } 处碰题（两题并排）
place-flaw-narrowed = { $n } 张图片比默认窄
place-flaw-legs = { $n } 处长腿
place-flaw-breaks = { $n } 处孤行或寡行
place-flaw-lead = 头条比别的稿件窄
place-flaw-lead-shrunk = 为容纳稿件，头条及其图片压窄到半版或更窄
place-flaw-big-heads = { $n } 个标题大于稿件篇幅所需
place-flaw-widened = { $n } 张图片比默认宽
place-flaw-ladder = { $n } 篇稿件通栏叠排成阶梯，每栏只有几行
place-flaw-none = 这些问题都没有
place-flaw-remain = 还有 { $list }
place-better-with-cuts = 第 { $page } 版排得出，但有 { $before }；{ $changes } 后再排，{ $after }
place-better-with-cuts-hint = 从稿件末尾删（或在稿中别处删同样多），需增补的稿件补写，再安排一次；或保持原样
place-change-cut = 删减 { $list }
place-change-add = 增补 { $list }
place-change-sep = ，
place-no-arrangement-nearest-hint = 最接近的排法需要：{ $fix }；或给另一篇稿件 `priority = 1`（其余稿件的别种顺序 folio 已试过），{ $widen }或手工给一篇稿件写 [block]

## folio place (src/cmd/place.rs)

place-failed = 错误：无法安排稿件；没有改动任何文件
place-nothing = { $edition } 的每篇稿件都有 [block]；没有需要安排的
place-page = 第 { $page } 版：
place-vertical-size = （竖排标题大一号：{ $size } 磅）
place-photo-crop = （图框露出画面{ $part }的 { $share }%）
place-cannot-edit = 无法编辑 { $file }：{ $error }

## Project and files (src/project.rs)

project-cannot-open-root = 无法打开项目目录 { $path }：{ $error }
project-cannot-open-root-hint = --root 要给出含有 layouts/ 和 fonts/ 的目录
project-cannot-open = 无法打开 { $path }：{ $error }
project-cannot-open-edition-hint = 请给出已有的一期报纸目录，如 content/jiangxi-special
project-none = { $path } 不在 folio 项目里：上级目录中都没有 { $layouts }/ 目录
project-none-hint = 在项目目录（含 layouts/ 和 fonts/ 的目录）里运行 folio，或用 --root 指定
project-no-layouts = { $path } 中没有 { $layouts }/ 目录
project-no-layouts-hint = 项目目录的 layouts/ 中须有 Typst 模板
check-the-path = 请核对路径
project-outside = { $path } 在项目目录 { $root } 之外
project-outside-hint = folio 只读取项目目录下的文件：把它移进来，或用 --root 指定
path-empty = 路径是空的
path-absolute = 路径“{ $path }”是绝对路径；folio 只读取项目目录内的文件
path-not-plain = 路径“{ $path }”不是普通的相对路径
path-escapes = 路径“{ $path }”跑出了项目目录
path-symlink-out = 路径“{ $path }”是指向项目目录之外的符号链接
limit-toml = TOML 文件（期、稿件或版式）
limit-template = 模板
limit-photo = 图片
limit-font = 字体文件
limit-font-cache = 字体扫描缓存
limit-manifest = 输出目录的 manifest.json
limit-photo-cache = 图片测量缓存
limit-words-cache = 标题分词缓存
file-kind-directory = 目录
file-kind-fifo = FIFO（命名管道）
file-kind-socket = 套接字
file-kind-char-device = 字符设备
file-kind-block-device = 块设备
file-kind-other = 特殊文件
read-not-regular = { $path } 是{ $kind }，不是普通文件
read-too-large = { $path } 有 { $size }，超过 folio 对{ $what }的上限 { $limit }
read-not-found = { $path } 不存在
read-directory-hint = 请给出文件，而不是目录
read-not-regular-hint = folio 只读普通文件（不读管道、设备或套接字）：请把文件本身放在那里
read-too-large-hint = { $what }最大 { $limit }：请拆分或缩小（见 README.md“Limits”一节）
read-io-hint = 请检查文件是否可读
project-cannot-create = 无法创建 { $path }：{ $error }
project-check-out = 请检查 --out 目录

## Photo files (src/input/photos.rs)

photo-damaged-hint = 换成可读的 JPEG 或 PNG 文件（用图片编辑软件打开后重新保存）
photo-save-as-hint = 另存为 JPEG 或 PNG（如在图片编辑软件中“文件 › 导出为 JPEG”），并把 `file` 指向新文件
photo-other-format = 它是 { $format } 文件（folio 按文件内容而不是文件名判断）；folio 只印 JPEG 和 PNG 图片
photo-empty = 它是空文件（0 字节）
photo-not-image = 它不是图片：内容既不是 JPEG 也不是 PNG（folio 按文件内容而不是文件名判断）
photo-zero-size = 它标明的尺寸是 { $width }×{ $height } 像素：空图
photo-too-big = 它有 { $width }×{ $height } 像素（{ $megapixels } 百万像素），超过 folio 每张图片 { $budget } 百万像素的上限（每边最多 { $side } 像素）
photo-too-big-hint = 缩小到最多 { $width }×{ $height } 像素（按印刷尺寸 300 ppi 已足够）后重新保存
photo-damaged = 文件已损坏：{ $error }
photo-truncated = 文件已损坏或不完整：{ $error }
photo-cannot-open = 无法打开：{ $error }
photo-not-whole = 文件已损坏，或不是完整的 { $format } 文件：{ $error }
photo-limits = 无法在 folio 的限额内解码：{ $error }

## Photo files, animated

photo-apng = 它是动画 PNG（APNG）；folio 只印静态图片
photo-icc-too-big = 其色彩配置文件（PNG 的 iCCP 块中的 ICC）解压后超过 { $limit }：文件已损坏或意在耗尽内存

## Page formats (src/input/grid.rs)

unit-body-chars = 个正文字宽
unit-times-body = × 正文字号
format-real-range = `{ $key }` = { $value } 超出范围：{ $lo }–{ $hi } { $unit }
format-int-range = `{ $key }` = { $value } 超出范围：{ $lo }–{ $hi }
format-top-lines-range = `{ $key }` = { $value } 超出范围：0–{ $max }（须少于版面的 { $lines } 行）
format-label-empty = `label` 是空的
format-heads = `heads` 须按字号从大到小列出主题字号：每一级的 `span` 比上一级窄、`size` 比上一级小（6–200 pt）、`min_chars` 不大于上一级，最后一级 `span = 1`，至多 12 级
format-area-too-big = 版心（{ $width } × { $height } 毫米）超出了成品尺寸（{ $trim_width } × { $trim_height } 毫米）
formats-none = layouts/formats.toml 中没有定义任何版式
formats-none-hint = 至少定义一个，如 [broadsheet]，写明成品尺寸、栏数和行数
formats-error = 版式 { $format }：{ $message }
formats-error-hint = 改正 layouts/formats.toml 中 [{ $format }] 表里的 `{ $key }`

## folio import: the plan (src/input/import/plan.rs)

import-not-edition = { $dir } 不是一期报纸的目录（没有 { $file }）
import-not-edition-hint = --into 要给出一期报纸的目录；可用 folio new 目录 新建
import-html = HTML 代码 { $markup } → “{ $text }”
import-html-removed = 删去 HTML 代码 { $markup }（标签，或中文稿不印的空格）
import-markdown-image = 略去 Markdown 图片 { $markup }（不是文字稿；图片用 --photo 给出）
import-read-as-text = { $encoding } 文本
import-read-as-word = Word 文档
import-looks-like-verse = 稿件像是诗歌（连续 { $lines } 个短行都不以句末标点结束）：加 --verse 导入可保留各行（下面把它们猜成了标题和小标题）
import-read = { $file }：按{ $how }读入；{ $stories }
import-cannot-read-photo = 无法读取图片 { $file }（{ $error }）
import-caption-no-photo = 有图片说明却没有图片；已作为注释写入 { $file }（用 --photo 文件 给出图片）
import-photo-names = 这次导入的两张图片都叫 { $name }
import-photo-names-hint = 给其中一个图片文件改名
import-photo-exists = { $file } 已存在，是另一张图片
import-photo-exists-hint = 给图片改名，或加 --force 覆盖
import-story-exists = { $file } 已存在
import-story-exists-hint = 给输入文件改名，或加 --force 覆盖稿件文件
import-image-no-caption = {"  "}{ $file } 的第 { $n } 张图没有图片说明；未导入
import-photo-no-caption = 图片 { $file } 没有剩下的图片说明可配
import-photo-no-caption-hint = 每条图片说明配一个 --photo（图片说明是像 `说明 某某摄` 这样的一行）
import-bad-toml = { $file } 不是有效的 TOML：{ $error }
import-bad-toml-hint = 改正后再导入（folio check 会指出是哪一行）
import-no-page = { $file } 中没有第 { $page } 版
import-no-page-hint = 已有的版是 { $pages }；加一个 number = { $page } 的 [[pages]] 表，或从中选一个

## folio import: inputs (src/input/import/mod.rs)

import-not-importable = { $file } 不是 folio 能导入的文件
import-not-importable-hint = 请导入 .docx、.txt 或 .md 文件
import-no-text = 文件里没有文字（只有空白，或只有 HTML 代码而没有稿件）
import-no-text-hint = 请导入有稿件正文的文件
import-no-headline = 从第 { $line } { $unit }开始的稿件找不到标题
import-no-headline-hint = 把标题单独放在正文前的一行

## folio import: text files (src/input/import/text.rs)

import-bad-bom = { $file } 以 { $encoding } 字节顺序标记开头，内容却不是有效的 { $encoding }
import-bad-bom-hint = 把文件重新存为 UTF-8 或 UTF-16
import-bad-encoding = { $file }:{ $line }:{ $col }：文本既不是 UTF-8、UTF-16 或 UTF-32（带 BOM），也不是 GB18030/GBK 或 Big5
import-bad-encoding-hint = 把文件存为 UTF-8（或 GBK/GB18030）后重新导入

## folio import (src/cmd/import.rs)

import-nothing = 错误：什么都没有导入
would-write-file = 将写出 { $file }
import-page-lists = 第 { $page } 版已列入这些稿件；folio build { $edition } 会安排它们
import-add-to-page = 请在 edition.toml 中把稿件加到某个版的列表里（或导入时用 --page N）

## folio watch (src/cmd/watch.rs)

watch-later = { $summary }（跨页 PDF 和校样晚 { $ms } 毫秒）
watch-rebuild-failed = 重新生成失败：{ $errors }；{ $out } 中上一次成功的输出保持不变
watch-build-failed = 生成失败：{ $errors }；没有写出文件，继续监视改动

## folio watch summaries (src/session/watch.rs)

watch-no-page-changed = 没有版面改变
watch-page-changed = 第 { $page } 版有改变
watch-pages-changed = 第 { $pages } 版有改变
watch-wrote = ；已写出 { $files }
watch-built = 生成用时 { $ms } 毫秒：{ $what }{ $wrote }
watch-rebuilt = 重新生成用时 { $ms } 毫秒：{ $what }{ $wrote }

## folio fonts (src/cmd/fonts.rs)

fonts-none-in = { $path } 里没有 folio 能读的字体（.ttf、.otf、.ttc 或 .otc）
fonts-none-in-hint = 把项目的字体放进去（自带字体在仓库的 fonts/ 目录），或用 --font-path 指向有字体的目录
fonts-not-folder = { $path } 不是目录
fonts-not-folder-hint = 在项目目录里运行 folio fonts，或用 --font-path 指定
fonts-family = { $family }（{ $faces }：{ $names }）
count-faces = { $n } 个字面
fonts-face-index = { $file }（第 { $index } 个字面）
fonts-no-face = 没有字面含有 { $chars }（{ $codes }）
fonts-no-face-hint = 把含有该字的字体放进 { $path }（除非加 --system-fonts，folio 从不使用系统字体）

## folio extract (src/cmd/extract.rs)

extract-extracted = 已取出 { $file }
extract-rebuild = 重新生成：folio build { $edition } --archive --font-path 字体目录（存档中不含字体）

## folio new (src/cmd/new.rs)

new-story-wrote = 已写出 { $file }；请填写内容，并把文件名加到 edition.toml 中某个版的 stories 列表里
new-created = 已新建 { $dir }；编辑其中的 edition.toml 和稿件后，运行 folio build { $dir }
new-name-folder = 请给出新一期的目录名
new-name-folder-hint = 如 folio new content/2026-12-02
new-exists = { $path } 已存在
new-exists-edition-hint = 请用新的目录名；folio new 从不覆盖已有的一期
new-name-unsafe = 这一期的目录名 { $name } 含有 { $code }，存档无法把它原样取回
new-name-unsafe-hint = 目录名请用字母、数字、汉字、`-` 或 `_`（不要有 `:`、`\` 或控制字符）
new-from-hint = --from 要给出一期报纸的目录
new-format-hint = 可用的版式：{ $formats }（layouts/formats.toml 中的各表）
new-not-toml = { $file } 不是 .toml 文件名
new-not-toml-hint = 稿件文件以 .toml 结尾，如 stories/dushan.toml
new-exists-story-hint = 请用新的文件名；folio new 从不覆盖已有的稿件

## folio proof (src/cmd/proof.rs)

proof-dpi-range = 错误：--dpi { $dpi } 超出范围
proof-dpi-range-hint = 给出 { $min } 到 { $max } dpi 之间的分辨率，如 --dpi 100
proof-failed = 错误：这一期排版失败；没有写出校样

## Photos in their blocks (src/layout/compile.rs)

photo-height-no-room = 图片 { $file }：高 { $lines } 行，在图片说明之上已没有放图的地方
photo-height-no-room-hint = 设 height = { $min } 或更大（图片加说明，按网格行计）
photo-row-fix = 使 row + height 不超过 { $avail }：row = { $row } 或更小、减小 height，或加高稿块
photo-row-fix-height = 设 height = { $avail } 或更小并设 row = 0，或加高稿块
photo-row-outside = 图片 { $file } 从第 { $row } 行起，高 { $lines } 行（图片加说明），到达标题下第 { $reaches } 行，但稿块在那里只有 { $avail } 行（第 0–{ $last } 行）
photos-overlap = 图片 { $file } 会压在图片 { $other } 上：两者在稿块中占用相同的栏和行
photos-overlap-hint = 给后一张设在另一张图片说明之下的 `row`，或换一个 `column`，或去掉它的 `row`：放在正文底部的图片会依次叠放
photo-over-lead = 图片 { $file } 会压在稿件的导语框上：它的 `row` 把它放进了导语框所占的栏和行
photo-over-lead-hint = 把它的 `row` 设在导语框之下，或换一个 `column`（超出导语框的 `span`），或去掉它的 `row`：放在正文底部
photo-too-tall = 图片 { $file } 高 { $lines } 行（图片加说明），但稿块在标题下只有 { $avail } 行
photo-too-tall-hint = 设 height = { $avail } 或更小，或加高稿块
photo-aspect-too-tall = 图片 { $file } 跨 { $columns } 栏时需要 { $lines } 行（按其宽高比，含图片说明），但稿块在标题下只有 { $avail } 行
photo-too-tall-above = 图片 { $file } 高 { $lines } 行（连图片说明），但稿块在标题之上只有 { $avail } 行可放它
photo-aspect-too-tall-above = 图片 { $file } 横跨稿块需要 { $lines } 行（按图片比例，连图片说明），但稿块在标题之上只有 { $avail } 行可放它
photo-aspect-too-tall-above-hint = 把稿块加高，或给图片写 height = { $avail } 或更小（画面裁切以适应），或把它放回正文中（删去 `above_head`）
photo-aspect-too-tall-hint = 设 height = { $avail } 或更小（图片会被裁切），少跨几栏，或加高稿块
photo-not-in-project = 在项目目录内找不到它
photo-typst-unreadable-hint = 用图片编辑软件打开，重新存为基线 JPEG 或 PNG

## Fonts (src/layout/fonts.rs)

fonts-no-folder = 项目 { $root } 没有字体目录（{ $dir } 不存在）：folio 用那里的字体排每一版
fonts-no-folder-extract-hint = `folio extract` 写出的项目没有字体目录：存档中不带字体
fonts-no-folder-hint = 用 --font-path 目录 给出这一期生成时用的字体（folio 的 fonts/ 目录）
fonts-folder-missing = 字体目录 { $dir } 不存在
fonts-folder-missing-hint = 用 --font-path 目录 给出含有模板所用字体的目录（folio 的 fonts/ 目录）
fonts-from-system = 字体目录 { $dir } 中没有 { $family } { $variant }：改用了本机的字体（{ $path }）
fonts-from-system-hint = 把字体文件放进 { $dir }（或用 --font-path 目录），使版面不依赖生成它的机器
fonts-no-family = 模板排文字时没有指定字体（{ $faces }），而 folio 从不自行挑选字体
fonts-no-family-hint = 在模板中指定字体，如 `set text(font: st.serif)`（layouts/style.typ 列出了各字体）
fonts-family-missing-faces = 模板要用字体“{ $family }”（{ $faces }），但字体目录 { $dir } 中没有这个字体
fonts-face-missing = 模板要用 { $family } { $faces }，但字体目录 { $dir } 中只有 { $has }
fonts-never-substitute-hint = folio 从不用模板所要之外的字重、字形或字体排文字
fonts-add-face-hint = 把含有这个字面的字体文件放进 { $dir }，或用 --font-path 目录 给出有它的目录（`folio fonts --font-path 目录` 列出目录里的字面）
fonts-family-missing = 模板要用字体“{ $family }”，但字体目录 { $dir } 中没有这个字体
fonts-add-family-hint = 把“{ $family }”的字体文件放进 { $dir }，或用 --font-path 目录 给出有这些文件的目录
fonts-in-folder = 字体目录中：{ $message }
fonts-in-folder-hint = 把它从字体目录中移走，或用 --font-path 目录 给出只有字体文件的目录

## folio serve (src/cmd/serve.rs)

serve-bad-host = --host { $host } 不是 IP 地址
serve-bad-host-hint = 请给出地址，如 --host 127.0.0.1（默认）或 --host 0.0.0.0（所有网络接口）
serve-open-host = 在 { $ip } 上监听，不只限于本机：能连到它的人都能看到版面（但仍读不到任何文件）
serve-open-host-hint = 删去 --host 即只在本机回环地址上监听
serve-cannot-start = 无法启动服务器（{ $error }）
serve-cannot-listen = 无法在 { $ip }:{ $port } 上监听（{ $error }）
serve-cannot-listen-hint = 可能有别的程序占用了这个端口：用 --port N 换一个，或 --port 0 任选空闲端口
serve-serving = 正在 { $url } 提供 { $edition } 的预览（按 Ctrl-C 停止）
serve-no-browser = 无法打开浏览器（{ $error }）
serve-no-browser-hint = 请自行打开 { $url }
watch-cannot-watch = 无法监视文件：{ $error }
serve-stopped = 服务器停止了（{ $error }）

## folio watch: failures


## folio schema (src/cmd/schema.rs)

schema-name-one = 请指明要输出哪个模式（schema），或给出写入全部三个的目录
schema-name-one-hint = folio schema edition（或 story、formats），或 folio schema --out schema
file-read-only = { $file } 是只读的：folio 要把它选定的版块写进这个文件
file-read-only-hint = 先让它可写（chmod u+w），或不加 --write 运行 folio place 只看版块；没有改动任何稿件文件
file-unchanged-hint = 没有改动任何稿件文件
cannot-write = 无法写入 { $file }（{ $error }）

## folio man (src/cmd/manual.rs)

man-wrote = 已把手册页写入 { $dir }
man-cannot-write = 无法把手册写入 { $place }（{ $error }）

## Copyfit changes (src/check/preflight.rs)

copyfit-tracking = 字距 { $change }
copyfit-leading = 行距 { $change }
copyfit-photo = 图片 { $change } 行

## Proofs (src/output/proof.rs)

proof-too-many-pixels = --dpi { $dpi } 会把这一期 { $width_mm } × { $height_mm } 毫米的一张版面渲染成 { $width } × { $height } 像素（{ $mpx } 百万像素），超过 folio 单张图像 { $limit } 百万像素的上限
proof-too-many-pixels-hint = 这一期请用 --dpi { $dpi } 或更低（见 README.md“Limits”一节）
proof-template-missing = 缺少 layouts/{ $file }：folio proof 用它画标记
proof-template-missing-hint = 从 folio 的代码库把 layouts/proof.typ 复制到项目的 layouts/ 中

## Export (src/output/export.rs)

png-too-many-pixels = { $width } × { $height } 像素的校样超过 folio 单张图像 { $limit } 百万像素的上限
png-too-many-pixels-hint = 请用 { $dpi } dpi 或更低（见 README.md“Limits”一节）
epoch-not-number = SOURCE_DATE_EPOCH 是“{ $value }”，不是整数秒
epoch-not-number-hint = 设为自 1970-01-01 UTC 起的秒数（如 `git log -1 --format=%ct`），或取消设置以使用本期日期
epoch-range = SOURCE_DATE_EPOCH { $value } 超出范围
epoch-range-hint = 用 1970 年到 9999 年之间的秒数

## Press plates (src/output/press.rs)

press-bleed-impossible = { $mm } 毫米的出血无法实现
press-bleed-impossible-hint = --bleed 以毫米计，取 0 到 { $max }
press-format-bleed = 版式 { $format } 加 { $mm } 毫米出血：{ $message }

## Writing files

cannot-write-in = 无法在 { $dir } 中写入（{ $error }）

## folio import: writing


## folio new: writing

new-inside-source = 无法从 { $from } 生成 { $path }：两者一个在另一个里面（复制会把自己也复制进去）
new-inside-source-hint = 把新版次放在它所复制的版次旁边，例如 content/ 下
new-cannot-copy = 无法复制 { $path }：{ $error }
new-cannot-update-schema = 无法更新 #:schema 行：{ $error }
new-cannot-write-schemas = 无法写入模式文件（{ $error }）

## Words

word-or = {" 或 "}

## Templates (src/layout/compile.rs)

template-error = layouts/{ $file }：{ $error }
galley-order-hint = 长条校样模板须把每一块排在单独一页上，并按数据的顺序
photo-budget-hint = 把这一期分成几部分生成（每叠或每组版一个目录），或调低 [preflight] target_ppi，让图片以较小尺寸送排
template-page-count = layouts/{ $file } 排出了 { $made } 页，应为 { $want } 页
template-page-count-hint = 模板须把数据中的每一版（或跨页）恰好画一次
template-sheet-count = layouts/{ $file } 排出了 { $made } 张，应为 { $want } 张
template-sheet-count-hint = 模板须把数据中的每个跨页恰好画一次

## folio import: what was guessed, story file comments, .docx (src/input/import/*; issue #15)

import-unit-line = 行
import-unit-paragraph = 段
import-role-kicker = 引题
import-role-headline = 主题
import-role-deck = 副题
import-role-byline = 署名
import-role-dateline = 电头
import-role-lead = 导语框
import-role-head = 一级小标题
import-role-subhead = 二级小标题
import-role-table-row = 表格行
import-role-caption = 图片说明
import-role-attribution = 文末署名
import-role-joined = 断行接排
import-role-new-story = 另起一篇
import-role-banner = 通栏标题
import-banner-set = 第 { $page } 版的通栏标题设为 { $banner }
import-placeholder-dropped = 第 { $page } 版不再列出 { $file }（folio new 写的占位稿件；文件保留）
import-file-header = 由 folio import 从 { $source } 导入（第 { $first }–{ $last } 行）；没有 [block]：由 folio 自动组版。
    请核对它认定的标题、署名、小标题和图片说明（导入时已逐行列出）。
import-file-banner = 输入第 { $line } 行是通栏标题（不属于本篇稿件）：{ $banner }
    它属于版面：写在 edition.toml 该版 [[pages]] 表中的 banner = "…"（folio import --page N 会写进去）。
import-file-caption-no-photo = 输入第 { $line } 行是图片说明，但没有图片：请给出图片文件（folio import --photo），
    再去掉下面几行的注释符号。
import-docx-unreadable = { $file } 不是可读的 Word 文档：{ $reason }
import-docx-unreadable-hint = 用 Word 或 WPS 打开，另存为 .docx（不是 .doc）
import-docx-not-utf8 = { $part } 不是 UTF-8 编码
import-docx-no-document = 文档中没有 { $part }

## folio import: limits and checks before anything is written (src/input/import/*; session 40)

limit-import-text = 要导入的文本文件
limit-import-docx = 要导入的 Word 文档
import-docx-limit-hint = 一篇新闻稿的文档远小于此上限：文件已损坏，或是为耗尽内存而制作的；请用 Word 或 WPS 打开后重新保存（见 README.md“Limits”一节）
import-docx-too-many-entries = { $file } 不是可读的 Word 文档：其 ZIP 有 { $entries } 个条目，超过 folio 的上限 { $max }
import-docx-part-too-big = { $file } 不是可读的 Word 文档：{ $part } 解压后超过 { $limit }，即 folio 对该部分的上限
import-docx-too-much = { $file } 不是可读的 Word 文档：各部分解压后合计超过 { $limit }（在 { $part } 处），即 folio 对一个文档的上限
import-docx-too-deep = { $file } 不是可读的 Word 文档：{ $part } 的元素嵌套超过 { $max } 层（该部分第 { $line } 行）
import-docx-too-many-nodes = { $file } 不是可读的 Word 文档：{ $part } 的 XML 节点超过 { $max } 个
import-story-refused = 第 { $line } { $unit }：稿件文件 { $story } 会被 folio build 拒绝：{ $error }
import-story-refused-hint = 在 { $file } 中改正后重新导入（什么都没有写入）
import-image-refused = 其图片 { $image }（用于第 { $line } { $unit }的图片说明）无法印出：{ $error }
import-image-refused-hint = 在文档中把这张图换成 JPEG 或 PNG 图片，或在文档中删去它，再用 --photo 给出图片
import-photo-refused = 无法作为图片印出：{ $error }

## Archive copy and folio extract (src/output/archive.rs; issue #15)

archive-outside-root = { $file } 在项目根目录之外
archive-outside-root-hint = 存档只收入项目根目录下的文件
archive-name-unsafe = { $file } 不能以这个名字收入存档：{ $why }
archive-name-unsafe-hint = 给文件夹或文件改个名字（名字里不要有 `:`、`\` 或控制字符），`folio extract` 才能把它写回来
archive-failed = 存档：{ $error }
archive-standard-failed = 存档（{ $standard }）：{ $error }
archive-bug-hint = 这是 folio 的 PDF/A 后处理的缺陷，请报告
archive-cmyk-photo = 无法为 PDF/A 重新编码 CMYK 图片：{ $error }
unit-bytes = { $n } 字节
attachment-unreadable = 不是可读的 PDF：{ $error }
attachment-no-catalog = 没有目录（Catalog）：{ $error }
attachment-not-relative = 附件 { $name } 不是单纯的相对路径（不能以 `/` 开头，不能含 `..`、`.`、`\`、`:` 或空的一段）
attachment-control-character = 附件 { $name } 的名字里有控制字符 { $code }
attachment-duplicate = 有两个附件都叫 { $name }
attachment-folder-clash = 附件 { $other } 和 { $name } 不能同时写出：一个会成为装着另一个的目录
attachment-declares-too-much = 附件 { $name } 声明大小为 { $size }（/Params /Size）；每个附件的上限是 { $limit }
attachment-inflates-beyond-declared = 附件 { $name } 解压后超过它声明的 { $size }（/Params /Size；每个附件的上限是 { $limit }）
attachment-inflates-beyond-limit = 附件 { $name } 解压后超过每个附件的上限 { $limit }
attachment-short = 附件 { $name } 解压后是 { $actual } 字节，却声明为 { $declared }（/Params /Size）：附件已损坏
attachment-too-many = 存档有 { $total } 个附件；上限是 { $limit } 个
attachment-total-too-large = 附件合计 { $total }；一份存档的上限是 { $limit }
attachment-damaged = 附件 { $name } 已损坏：{ $error }
attachment-tree-too-deep = 附件名称树层级太深
attachment-no-name = 有一个附件没有文件名
attachment-name-not-text = 有一个附件的名字不是有效文本：{ $name }
attachment-no-file = 附件 { $name } 没有内嵌文件
attachment-bad-size = 附件 { $name } 声明的大小不是整数字节
extract-not-folio-hint = folio extract 读取 folio build --archive 写出的存档；这一份被改动过，或不是 folio 生成的。没有写出任何文件
extract-name-archive-hint = 请给出 folio build --archive 写出的存档 PDF
extract-too-large = { $file } 有 { $size }；folio extract 只读取不超过 { $limit } 的存档
extract-no-sources = { $file } 没有附带源文件
extract-no-sources-hint = 只有用 --archive 生成（且没加 --no-attach）的存档才附带源文件
extract-not-folder = { $dir } 已存在，且不是目录
extract-not-folder-hint = 请取出到新的或空的目录
extract-not-empty = { $dir } 已存在，且不是空目录
extract-not-empty-hint = 请取出到新的或空的目录；folio extract 从不覆盖文件
extract-cannot-write = 无法写出 { $file }（附件 { $name }）：{ $error }
extract-create-hint = 请取出到新的或空的目录；没有写出任何文件
nothing-written-hint = 没有写出任何文件

## PDF post-processing, press plates, export, contact sheet (src/output/{archive,press,export,proof}.rs; issue #15)

pdf-post-unreadable = 无法读取 Typst 生成的 PDF：{ $error }
pdf-post-no-xmp = Typst 没有写出 XMP 元数据
pdf-post-cannot-compress = 无法压缩 { $what }：{ $error }
pdf-post-cannot-write = 无法写出 PDF：{ $error }
pdf-post-encrypted = PDF 已加密
pdf-post-no-part = 没有 { $part } 字典：{ $error }
press-plate-failed = 第 { $page } 版的印版文件：{ $error }
press-bug-hint = 这是 folio 的 PDF/X 后处理的缺陷，请报告
export-pdf-failed = 导出 PDF：{ $error }
export-no-page = 没有第 { $index } 页
export-png-failed = PNG 编码失败：{ $error }
proof-contact-sheet-failed = 校样总览图：{ $error }

## The output folder and its manifest (src/output/manifest.rs; issue #15)

manifest-cannot-read-back = 无法读回 { $file } 以写入清单：{ $error }
manifest-fix = 请从备份恢复它，或删掉它，再把这个目录里的每一期都重新生成一遍，以写出新的清单
manifest-unreadable-hint = folio 在那里记着 { $out } 中的文件；{ $fix }
manifest-not-utf8 = { $file } 不是 UTF-8 文本（第 { $offset } 字节处有错）
manifest-changed-hint = 它被 folio 以外的程序改动过；{ $fix }
manifest-not-folio = { $file } 不是 folio 的清单：{ $reason }
manifest-nul = { $file } 不是 folio 的清单：其中有 NUL 字节（偏移 { $offset }）
manifest-not-json = { $file } 不是有效的 JSON：{ $reason }
out-check-hint = 请检查 --out 目录
out-cannot-lock = 无法锁定 { $path }：{ $error }
out-lock-hint = --out 目录必须在支持文件锁的文件系统上
out-cannot-write-in = 无法在 { $dir } 中写入：{ $error }
out-cannot-stage = 无法暂存 { $file }：{ $error }
out-space-hint = 请检查 --out 目录（空间、权限）
out-cannot-sync = 无法把 { $file } 写入磁盘：{ $error }
out-cannot-commit = 无法在 { $out } 中提交这次生成：{ $error }
out-unchanged-hint = 请检查 --out 目录；什么都没有改动
out-move-failed = 把新文件移入 { $out } 失败：{ $error }
out-move-failed-hint = 尚未移入的文件在 { $stage }；下一次向 { $out } 生成时会先把它们移到位
out-name-clash = { $mine } 这一期会把它的{ $what }写成 { $path }，而 { $manifest } 记着那是 { $other } 这一期的{ $theirs }
out-name-clash-hint = 请给这一期的目录 { $edition } 改名，或生成到另一个 --out 目录；没有写出任何文件
unit-pages-pdf = 版面 PDF
unit-spread-pdf = 跨页 PDF
unit-archive-copy = 存档
unit-png-proof = PNG 校样
unit-press-plate = 印版文件
unit-output = 输出文件
out-in-the-way-file = { $path } 挡了路：folio 要在它里面写 { $target }，但它不是目录
out-in-the-way-folder = { $path } 挡了路：folio 要在那里写文件，但它是目录或特殊文件
out-in-the-way-hint = 请移走 { $path }，或生成到另一个 --out 目录；没有写出任何文件
out-recovered = 注意：已把一次中断的生成的文件移入 { $out }（{ $name }）
out-cannot-recover = 警告：无法完成中断的生成 { $path }：{ $error }
out-not-folder = 输出目录 { $path } 是一个文件，不是目录
out-not-folder-hint = 给 --out 一个目录（不存在时 folio 会新建），或把这个文件移走
out-foreign-journal = { $path } 不是 folio 写下的提交记录：它列出了 { $entry }，这不是输出目录中的印版文件（提交记录只会删除印版、把文件移入输出目录）；folio 没有执行它
out-foreign-journal-hint = 删除目录 { $path } 后重新构建（中断的构建留下的提交记录只列出输出目录中的印版和文件）

## folio build --emit-typst (src/output/emit.rs; issue #15)

emit-cannot = 无法导出 { $what }：{ $error }
emit-cyclic-import = { $at }：循环导入 { $file }
emit-not-json = 无法导出 { $at }：它不是用 json("…") 读取 { $file }
emit-not-json-hint = 用 json("{ $dir }/<name>.json") 读取 folio 的数据文件，才能内联
emit-not-path-import = 无法导出 { $at }：只有按文件路径的导入才能内联
emit-package = 无法导出 { $at }：包 { $package } 离线不可用
emit-outside-project = 无法导出 { $at }：{ $path } 不是项目内的路径
emit-not-defined = 无法导出 { $at }：{ $path } 中没有定义 { $name }
emit-no-data = 无法导出 { $at }：这次生成中 folio 没有提供 { $file }
emit-bad-data = 无法导出 { $at }：{ $file }：{ $error }

## folio serve: what the server answers (src/serve/http.rs; issue #15)

serve-forbidden-host = folio serve 只回应发往 localhost 或 127.0.0.1 的请求（这个请求指向别的主机）
serve-no-such-page = folio serve：没有这个页面

## folio serve: the page in the browser (src/serve/assets/*; `{ $x }` is filled in by app.js)

ui-title = folio 预览
ui-connecting = 正在连接…
ui-nav-pages = 版面
ui-prev = 上一组对页（←）
ui-goto = 转到一组对页
ui-next = 下一组对页（→）
ui-zoom = 缩放
ui-zoom-out = 缩小（−）
ui-zoom-in = 放大（+）
ui-zoom-fit-title = 让对页适合窗口（0）
ui-zoom-fit = 适合窗口
ui-zoom-fit-level = 适合窗口（{ $percent }%）
ui-zoom-level = { $percent }%
ui-blocks = 稿块
ui-blocks-title = 显示每篇稿件的稿块、稿件名和容量
ui-findings = 检查结果
ui-findings-title = 在版面上标出预检发现的问题
ui-click-hint = 点击稿块或检查结果，查看其源文件位置。
ui-none = （无）
ui-rebuild-failed = 重新生成失败：显示的是上一次成功生成的版面
ui-build-failed = 生成失败
ui-built = 生成用时 { $ms } 毫秒
ui-changed = { $built } · 有改动：{ $pages }
ui-page-short = 第 { $page } 版
ui-building = 正在生成…
ui-page-label = { $page } 版 { $section }
ui-spread-option = 第 { $pages } 版
ui-page-alt = 第 { $page } 版
ui-auto = 自动
ui-lines-over = 溢排 { $lines } 行
ui-lines-short = 欠 { $lines } 行
ui-to-spare = 尚余 { $chars } 字
ui-over = 超出 { $chars } 字
ui-capacity = 容量 { $holds } 字 / 稿件 { $chars } 字（{ $sign }）{ $fit }
ui-copy = 复制
ui-copy-title = 复制文件路径和行号
ui-copied = 已复制
ui-open-editor = 在 VS Code 中打开
ui-detail-page = 版次
ui-detail-block = 稿块
ui-detail-block-auto = 由 folio 自动组版
ui-detail-block-hand = 来自稿件文件
ui-detail-copy = 稿件
ui-detail-copy-value = { $chars } 字（{ $lines } 行）
ui-detail-holds = 容量
ui-detail-holds-value = { $holds } 字（行数 × 每行字数）
ui-detail-fit = 排满程度
ui-detail-overset = 溢排 { $lines } 行
ui-detail-underset = 栏下空 { $lines } 行
ui-detail-level = 正好排满
ui-detail-copyfit = 调整字距行距
ui-finding-page = 第 { $page } 版
ui-errors-one = 1 个错误：{ $why }
ui-errors-many = { $n } 个错误：{ $why }
ui-errors-last-good = 下面是上一次成功生成的版面
ui-errors-nothing = 还没有生成任何版面
ui-severity-error = 错误
ui-severity-warning = 警告
ui-disconnected = 没有连上 folio serve（它还在运行吗？）
ui-bad-schema = folio serve：状态数据的格式是 { $got }，应为 { $want }

## folio new: the comments of the skeletons it writes (src/cmd/new.rs; a line break continues the `#` comment)

new-skel-edition-intro =
    新的一期。请填写标有“待填”的值；每个键的含义见 README 的“edition.toml”一节。
    生成版面：folio build <本目录>
new-skel-paper = 报名，印在报头和每版的版头线上
new-skel-format = 版式，即 layouts/formats.toml 中的一个表
new-skel-full-width-brackets = 把 `案(事)件` 排成 `案（事）件`
new-skel-full-width-marks = 把 `获悉,今年` 排成 `获悉，今年`（中文后的 , : ; ? !）
new-skel-half-width-alnum = 把 `２０２３年ＧＤＰ` 排成 `2023年GDP`
new-skel-house-words = 标题转行时不拆开的人名、地名和术语（用户词典）
new-skel-banner-comma-space = 把通栏标语 健康人生，绿色无毒 排成 健康人生　绿色无毒
new-skel-preflight = 预检所用的限值
new-skel-masthead = 头版的报头。农历日期和“今日N版”自动算出。
new-skel-cn = 国内统一连续出版物号：CN、两位数字、连字符、四位数字
new-skel-logo = 用图片（SVG 或 PNG）代替文字排报名
new-skel-masthead-true = 报头占本版顶部的几行
new-skel-ear =
    报头旁边的报眼：放导读条目；或放标题 title = "…"，配 see = [2]；
    或放图片 photo = "photos/….jpg"，配 caption = "…"。
new-skel-whole-page =
    正文还是占位文字时，用手工稿块占满整版：正文写好后删去这个 [block] 表，
    folio 就会自动组版。
new-skel-story-intro =
    一篇稿件。填好正文后，把本文件名（不带 .toml）加进 edition.toml 中某一版的
    `stories` 列表。没有 [block] 表时 folio 自动组版；
    `folio place EDITION --write` 会把它选定的稿块写在这里。
new-skel-headline = 主题；用 "\n" 在想要的地方换行
new-skel-kicker = 引题，在主题之上
new-skel-deck = 副题，在主题之下
new-skel-attribution = 来源，排在正文末尾的括号里
new-skel-priority = 1 为本版头条；默认按该版列表中的顺序
new-skel-min-span = folio 组版时可给它的栏数（下限与上限）
new-skel-fit = 自动调整字距和行距，幅度在 [copyfit] 的范围之内
new-skel-verse = 诗歌：稿件的每一行排成一行，诗节之间空一行
new-skel-briefs = 简讯栏：每个 [[sections]] 是一条简讯，head 是它的标题
new-skel-body = 段与段之间空一行。
new-skel-lead = 核心提示或编者按的框
new-skel-sections = 小标题及其下的正文
new-skel-photo-file = 路径相对于本期目录
new-skel-photo-credit = 印作“… 某某摄”
new-skel-photo-column = 图片的第一栏，在稿块内计数
new-skel-photo-span = 图片所跨的栏数
new-skel-photo-row = 图片从标题下第几行开始（默认：排在稿块底部）
new-skel-photo-height = 图片连图片说明所占的行数（默认：按图片比例）
new-skel-photo-above-head = 题上图：横跨稿块顶部，标题在图下（不再写 column、span、row；folio place 也会设置）
new-skel-block = 稿件在版面网格上的位置（删去则由 folio 自动组版）
new-skel-block-column = 第一栏
new-skel-block-span = 栏数
new-skel-block-top = 起始行
new-skel-block-height = 行数
new-skel-block-head-size = 主题字号（pt），取 layouts/formats.toml 中该版式 `heads` 的一级（默认按栏数）

## The command line's help: --help, folio help, folio man (src/help.rs, from src/cli.rs's definition)
## help-<command>-about, help-<command>-examples, help-<command>-arg-<arg>, help-arg-<arg> (an
## argument described once for several commands), help-value-<arg>-<value>.

help-heading-usage = 用法：
help-heading-commands = 命令：
help-heading-arguments = 参数：
help-heading-options = 选项：
help-flag = 打印帮助
help-flag-short = 打印帮助（用 --help 查看完整说明）
help-flag-long = 打印帮助（用 -h 查看摘要）
help-flag-version = 打印版本号
help-help-about = 打印本帮助，或所给子命令的帮助
help-help-arg = 要查看帮助的子命令
help-default = ［默认：{ $value }］
help-possible-values = ［可选值：{ $values }］
help-possible-values-heading = 可选值：
help-possible-value = - { $value }：{ $help }
help-section-name = 名称
help-section-synopsis = 概要
help-section-description = 说明
help-section-options = 选项
help-section-subcommands = 子命令
help-section-extra = 示例
help-section-version = 版本
help-section-authors = 作者

help-folio-about = 把用 TOML 描述的一期报纸，经 Typst 模板排成可付印的 PDF 版面
help-folio-arg-diagnostic-format = 错误和警告的显示方式：human（像 Typst 那样列出源代码行和提示）或 short（每条一行，`file:line:col: error: message`，供编辑器和 CI 日志使用）
help-value-diagnostic-format-human = Typst 的格式：消息、文件、行号和列号、源代码行、提示
help-value-diagnostic-format-short = 每条一行，`file:line:col: error: message`，供编辑器和 CI 日志使用（同 `typst compile --diagnostic-format short`）
help-folio-arg-lang = 消息、提示、报告和本帮助的语言：en 或 zh-CN（默认取自 LC_ALL、LC_MESSAGES 或 LANG，zh_* 即 zh-CN，否则为 en）
help-value-lang-en = 英文
help-value-lang-zh-CN = 简体中文

help-build-about = 把各期报纸生成 PDF 版面和跨页（按需另出印版文件和存档本）
help-build-examples =
    示例：
      folio build content/jiangxi-special
      folio build content/* --press --marks --archive --out dist
help-build-arg-editions = 各期报纸的目录（各含 edition.toml）。给出多个（如 content/*）时并行生成；一期失败不影响其他各期
help-arg-root = 项目根目录；默认为上级目录中最近的、含 layouts/ 的那个
help-arg-font-path = 字体目录；默认为 <root>/fonts
help-arg-system-fonts = 同时使用系统字体（输出将随机器而异）
help-build-arg-press = 另出印版文件：每版一个 PDF/X-4 文件，放在 OUT/<edition>-press/ 中
help-build-arg-bleed = 印版文件的出血，单位毫米（可为 0）；默认取版式的设定（layouts/formats.toml）
help-build-arg-marks = 在印版文件出血以外的边条上画裁切线和套准线
help-build-arg-archive = 另出存档本 OUT/<edition>-archive.pdf：附带源文件的 PDF/A-3b
help-build-arg-no-attach = 存档本不附源文件（PDF/A-2b）
help-build-arg-jobs = 给出多期时同时生成的期数；默认每个 CPU 核一期
help-build-arg-allow-overset = 即使有溢排也写出 PDF（溢排在报告中仍是警告）
help-build-arg-allow-holes = 版面留有空白（开天窗、稿块欠排）时仍写出印刷版，这块地方留给稍后放入的内容；不加此项，用 --press 时这种空白是错误
help-arg-out = 输出目录
help-build-arg-emit-typst = 另把每个文档写成一个自足的 Typst 文件（内联模板和数据，复制图片）放到这个目录，可直接用 `typst compile` 编译

help-check-about = 检查并编译一期报纸，不写出任何文件
help-check-examples =
    示例：
      folio check content/jiangxi-special
      folio check content/jiangxi-special --format json > report.json
help-arg-edition = 一期报纸的目录（其中有 edition.toml）
help-check-arg-format = 报告格式：human（按版面和稿件分组）或 json（格式 folio-report/1）
help-check-arg-press = 按 folio build --press 的标准检查：版面留白（开天窗、稿块欠排）是错误，与印刷版相同
help-value-format-human = 按版面和稿件分组列出检查结果，附源代码行和提示
help-value-format-json = 一个 JSON 文档（格式 `folio-report/1`，见 README.md）
help-arg-allow-overset = 把溢排报为警告而不是错误

help-proof-about = 出校样：每个版面和跨页各一张标出检查结果的 PNG，另加一张缩略总览
help-proof-examples =
    示例：
      folio proof content/jiangxi-special
      folio proof content/jiangxi-special --dpi 150 --out proofs
help-proof-arg-out = 存放 PNG 的输出目录
help-proof-arg-dpi = 版面和跨页 PNG 的分辨率（每英寸点数，10–600）
help-proof-arg-format = 同时打印的检查结果的报告格式

help-fonts-about = 列出 folio 能找到的字体家族
help-fonts-examples =
    示例：
      folio fonts --variants
      folio fonts --char 堃
      folio fonts --font-path /srv/paper/fonts
help-fonts-arg-font-path = 字体目录；默认为 ./fonts
help-fonts-arg-system-fonts = 同时列出系统字体
help-fonts-arg-variants = 列出每个字面（家族、字重、字形、字宽）及其文件，而不只是字体家族
help-fonts-arg-char = 列出含有这些字符全部字形的字面，如 --char 堃

help-new-about = 新建一期报纸：复制已有的一期，日期改为今天
help-new-examples =
    示例：
      folio new content/2026-12-02
      folio new content/tabloid-0612 --from content/jiangxi-tabloid
      folio new content/2026-12-02 --format tabloid --front
      folio new story content/2026-12-02/stories/dushan.toml
help-new-arg-edition = 新一期的目录（不能已存在）
help-new-arg-from = 要复制的那一期；默认为项目中的 content/jiangxi-special（除非用 --format 要一个新骨架）
help-new-arg-format = 不复制已有的一期，而按这个版式（layouts/formats.toml 中的名字，如 tabloid 或 broadsheet）写一个新骨架：键都带注释的 edition.toml、一个版和一篇稿件，立即可以生成
help-new-arg-front = 与 --format 同用：第 1 版是头版，有报头、报眼和 [masthead] 各行
help-new-story-about = 写一个稿件文件，folio 读取的每个键都在其中，带注释，待填写
help-new-story-arg-file = 新稿件文件（不能已存在），如 content/2026-12-02/stories/dushan.toml

help-extract-about = 把存档本 PDF 所附的源文件还原成一个项目
help-extract-examples =
    示例：
      folio extract out/jiangxi-special-archive.pdf restored
help-extract-arg-archive = 由 `folio build --archive` 写出的存档本 PDF
help-extract-arg-dir = 一个新的或空的目录；源文件按项目结构放在其中（DIR/layouts/…、DIR/content/<edition>/…）

help-watch-about = 每当一期的 TOML、图片、版式模板或字体有改动，就重新生成
help-watch-examples =
    示例：
      folio watch content/jiangxi-special
      folio watch content/jiangxi-special --png 50 --out preview
help-watch-arg-png = 另把每个改动过的版面按这个分辨率写成 PNG 校样（每英寸点数，10–600）
help-watch-arg-allow-overset = 溢排只是警告，不是错误（版面照样写出）

help-serve-about = 在浏览器中显示这一期的版面，每次改动后就地更新，并在版面上标出每篇稿件的稿块、容量和检查结果
help-serve-examples =
    示例：
      folio serve content/jiangxi-special --open
      folio serve content/jiangxi-special --port 8080
help-serve-arg-port = 监听的端口（0 表示任一空闲端口，以打印出的网址为准）
help-serve-arg-host = 监听的地址。默认只监听本机回环地址；其他地址会让别的机器也能看到版面（folio 会警告）
help-serve-arg-open = 在默认浏览器中打开预览
help-serve-arg-out = 输出目录：每次成功生成后，版面和跨页的 PDF 都写到这里，与 `folio watch` 相同
help-serve-arg-allow-overset = 溢排只是警告，不是错误（版面照样显示和写出）

help-place-about = 为没有 [block] 的稿件自动组版，并打印选定的稿块；加 --write 则把稿块写进稿件文件
help-place-examples =
    示例：
      folio place content/jiangxi-special
      folio place content/jiangxi-special --write
help-place-arg-write = 把选定的稿块写进稿件文件的 [block] 表（保留注释和排列；folio 改为竖题的稿件另写 `vertical = true`），编辑可以再调整，下次生成也不会变动

help-import-about = 把来稿（.docx、.txt、.md）转成一期的稿件文件，推测标题、署名、导语框、小标题、图片说明和来源；打印推测结果及对应的原文行
help-import-examples =
    示例：
      folio import dushan.docx --into content/2026-12-02 --page 1
      folio import a.txt b.md --into content/2026-12-02 --dry-run
help-import-arg-files = 来稿：.docx、.txt 或 .md 文件（文本为 UTF-8、带 BOM 的 UTF-16 或 UTF-32、GB18030/GBK 或 Big5）
help-import-arg-into = 稿件要放进的那一期（其目录，含 edition.toml）；稿件文件写到它的 stories/ 目录，按来稿命名（dushan.txt → stories/dushan.toml）
help-import-arg-page = 把稿件加进 edition.toml 中这一版的列表
help-import-arg-photo = 给下一个还没有图片的图片说明配的图片（按来稿的顺序；可重复）；图片复制到本期的 photos/ 目录。.docx 自带的图片优先
help-import-arg-force = 覆盖已有的稿件文件和图片文件
help-import-arg-dry-run = 只打印将要写出的内容和推测结果，不写出任何文件
help-import-arg-verse = 稿件是诗歌（副刊的诗作）：正文每行照原样保留，空行分开诗节，稿件按诗歌排（`verse = true`）

help-schema-about = 打印 edition.toml、稿件文件或 layouts/formats.toml 的 JSON Schema（供 TOML 编辑器使用），或把三者都写进一个目录
help-schema-examples =
    示例：
      folio schema edition
      folio schema story --out story.schema.json
      folio schema --out schema
help-schema-arg-kind = 哪一种文件的 Schema；不给出时，--out 指一个目录，三者都写进去
help-value-kind-edition = `edition.toml`
help-value-kind-story = 稿件文件（`stories/*.toml`）
help-value-kind-formats = `layouts/formats.toml`
help-schema-arg-out = 写到这个文件（给出种类时）或这个目录（不给出时），而不打印出来

help-completions-about = 打印 shell 补全脚本（bash、zsh、fish、elvish、powershell）
help-completions-examples =
    示例：
      folio completions bash > ~/.local/share/bash-completion/completions/folio
      folio completions zsh > ~/.zfunc/_folio
help-completions-arg-shell = 哪一种 shell

help-man-about = 打印 folio 的手册页（roff），或在一个目录中为每个命令各写一页
help-man-examples =
    示例：
      folio man | man -l -
      folio man --out /usr/local/share/man/man1
help-man-arg-out = 改为把 `folio.1` 和每个命令一页（`folio-build.1`、…）写进这个目录

## Usage errors of values (src/cli.rs) and file watching (src/session/watch.rs)

cli-dpi-not-number = `{ $value }` 不是分辨率（每英寸点数）；请给出一个数，如 100
cli-dpi-range = { $value } dpi 超出范围：分辨率须在每英寸 { $min } 到 { $max } 点之间，如 100
watch-cannot-set-up = 无法设置文件监视（{ $error }）
watch-cannot-watch-path = 无法监视 { $path }（{ $error }）
watch-cannot-watch-files = 无法监视这些文件（{ $error }）

# 校样和预览中标记旁的简短标签。
mark-head-needs = 标题需 { $lines } 行
mark-overset = 溢排 { $lines } 行
mark-underset = 缺稿 { $lines } 行
mark-deep-head = 标题区 { $has } 行，标题 { $needs } 行
mark-squeeze-unused = 紧排 { $asked }，实收 { $can }
mark-unreadable = 无法读取 { $file }
mark-not-k = 非单黑
mark-ink = 墨量 { $percent }%
mark-loose = 松行 { $percent }%
mark-loose-words = 词距 { $em } 字
mark-kinsoku = 禁则
mark-widow = 孤行
mark-orphan = 寡行
mark-short = 短栏 { $lines } 行
mark-hole = 天窗 { $lines } 行
mark-fold-split = 中缝断词
mark-ear-overfull = 报眼放不下
mark-pictures-side-by-side = 碰图
mark-reading-order = 正文从此起，却低于文中段落
mark-ear-own-page = 导读指向本版
mark-overprint = 文字叠印
mark-too-wide = 超出栏宽
mark-long-leg = 长腿 { $lines } 行
mark-head-rank = 标题不小于头条
mark-front-lead-rank = 头版头条标题小于内版标题
mark-photo-rank = 图片大于头条图片
mark-stacked-heads = 叠题
mark-heads-side-by-side = 碰题
