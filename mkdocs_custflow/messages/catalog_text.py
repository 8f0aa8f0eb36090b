"""Messages about the catalog and the files a site reads."""

TEMPLATES: dict[str, dict[str, str]] = {
    "source.not-utf8": {
        "en": "is not UTF-8: byte 0x{byte} at offset {offset} (line {line}); save the file "
        "as UTF-8",
        "zh": "不是 UTF-8 编码：第 {line} 行有字节 0x{byte}（偏移 {offset}）；请把文件存为 UTF-8",
    },
    "source.unreadable": {
        "en": "cannot be read: {why}",
        "zh": "无法读取：{why}",
    },
    "catalog.unreadable": {
        "en": "the catalog file {problem}; check the 'catalog' option",
        "zh": "目录文件{problem}；请检查 'catalog' 选项",
    },
    "catalog.bad-handle": {
        "en": "actor '{id}' has handle {handle}, which is not a code-owner handle; write "
        "'@user', '@org/team' or an e-mail address, e.g. '{suggestion}'",
        "zh": "参与者 '{id}' 的 'handle' {handle} 不是 CODEOWNERS 能用的账号；请写 "
        "'@user'、'@org/team' 或电子邮件地址，例如 '{suggestion}'",
    },
    "catalog.unknown-actor": {
        "en": "unknown actor '{actor}' in '{key}' of catalog stage '{stage}'{hint}; define it "
        "under the catalog's 'actors:'",
        "zh": "目录阶段 '{stage}' 的 '{key}' 中的参与者 '{actor}' 未定义{hint}；请在目录的 "
        "'actors:' 下定义它",
    },
    "catalog.unknown-touchpoint": {
        "en": "unknown touchpoint '{touchpoint}' in catalog stage '{stage}'{hint}; define it "
        "under the catalog's 'touchpoints:'",
        "zh": "目录阶段 '{stage}' 中的接触点 '{touchpoint}' 未定义{hint}；请在目录的 "
        "'touchpoints:' 下定义它",
    },
    "catalog.orphan-role": {
        "en": "role '{id}' of the catalog owns no stage, is in no RACI list and takes part in "
        "no step of any journey; use it in a stage or a step, or remove it from the catalog",
        "zh": "目录中的角色 '{id}' 不负责任何阶段，不在任何 RACI 名单中，也不参与任何旅程的步骤；"
        "请在阶段或步骤中用到它，或把它从目录中删除",
    },
    # -- systems and data (checks.data) -------------------------------------------
    "data.personal": {
        "en": "personal data item '{id}' has no {missing}; add {add}, as a data-protection "
        "review asks",
        "zh": "个人信息数据项 '{id}' 没有 {missing}；请按数据保护评审的要求加上 {add}",
    },
    "part.add-owner": {"en": "'owner: <role id>'", "zh": "'owner: <角色 id>'"},
    "part.add-retention": {"en": "'retention' such as '3y'", "zh": "'retention'（例如 '3y'）"},
    "part.quoted-key": {"en": "'{key}'", "zh": "'{key}'"},
    "where.whose-actor-key": {
        "en": "'{key}' of {whose} actor '{id}'",
        "zh": "{whose}参与者 '{id}' 的 '{key}'",
    },
    "whose.catalog": {"en": "the catalog's", "zh": "目录中"},
    "whose.block": {"en": "the block's", "zh": "本块中"},
    "where.data-item-key": {
        "en": "'{key}' of data item '{id}'",
        "zh": "数据项 '{id}' 的 '{key}'",
    },
    "data.unknown-in-integrates": {
        "en": "unknown data item '{item}' in 'integrates' of '{id}'{hint}; define it under "
        "the catalog's 'data:'",
        "zh": "'{id}' 的 'integrates' 中的数据项 '{item}' 未定义{hint}；请在目录的 'data:' 下"
        "定义它",
    },
    "data.unknown-in-stage": {
        "en": "unknown data item '{item}' in 'data' of stage '{stage}'{hint}; define it under "
        "the catalog's 'data:'",
        "zh": "阶段 '{stage}' 的 'data' 中的数据项 '{item}' 未定义{hint}；请在目录的 'data:' 下"
        "定义它",
    },
    "data.unknown-actor": {
        "en": "unknown {kind} '{id}' in {where}{hint}; define it under 'actors:' with "
        "'kind: {kind_id}'",
        "zh": "{where}中的{kind} '{id}' 未定义{hint}；请在 'actors:' 下用 'kind: {kind_id}' "
        "定义它",
    },
    "data.wrong-kind": {
        "en": "'{id}' in {where} is a {found}, not a {kind}; name a {kind}{hint}",
        "zh": "{where}中的 '{id}' 是{found}，不是{kind}；请写一个{kind}{hint}",
    },
    "data.access": {
        "en": "role '{role}' takes part in stage '{stage}', which uses personal data '{item}', "
        "but is not in its 'access'; add '{role}' to 'access' of data item '{item}' in the "
        "catalog, or take the role out of the stage",
        "zh": "角色 '{role}' 参与阶段 '{stage}'，该阶段使用个人信息 '{item}'，但该角色不在它的 "
        "'access' 中；请在目录中把 '{role}' 加到数据项 '{item}' 的 'access'，"
        "或让该角色退出这个阶段",
    },
    "data.never-collected": {
        "en": "data item '{item}' is used in stage '{stage}' but no stage collects it; add "
        "'{{data: {item}, use: collect, in: <system>}}' to the stage where it is first taken "
        "from the customer",
        "zh": "数据项 '{item}' 在阶段 '{stage}' 中使用，但没有阶段收集它；请在最先从客户处获取它的"
        "阶段加上 '{{data: {item}, use: collect, in: <系统>}}'",
    },
    "data.system-unused": {
        "en": "system '{id}' of the catalog is used by no stage's 'data' and no step of any "
        "journey; use it, or remove it from the catalog",
        "zh": "目录中的系统 '{id}' 既没有被任何阶段的 'data' 使用，也不参与任何旅程的步骤；"
        "请用到它，或把它从目录中删除",
    },
}
