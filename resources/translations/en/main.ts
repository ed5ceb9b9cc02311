<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="zh_CN">
<context>
    <name>AboutDialog</name>
    <message>
        <source>关于 CertDesk</source>
        <translation>About CertDesk</translation>
    </message>
    <message>
        <source>&lt;b&gt;CertDesk {0}&lt;/b&gt; · 建设从业人员证书工作台</source>
        <translation>&lt;b&gt;CertDesk {0}&lt;/b&gt; · Construction personnel certificate desk</translation>
    </message>
    <message>
        <source>缓存结构版本 {0}；Qt {1}，PySide6 {2}</source>
        <translation>Cache schema version {0}; Qt {1}, PySide6 {2}</translation>
    </message>
    <message>
        <source>随程序提供的组件及其许可证：</source>
        <translation>Components shipped with the program and their licences:</translation>
    </message>
    <message>
        <source>组件</source>
        <translation>Component</translation>
    </message>
    <message>
        <source>版本</source>
        <translation>Version</translation>
    </message>
    <message>
        <source>许可证</source>
        <translation>Licence</translation>
    </message>
</context>
<context>
    <name>MainActions</name>
    <message>
        <source>编辑人员信息…</source>
        <translation>Edit person…</translation>
    </message>
    <message>
        <source>撤销上一次修改</source>
        <translation>Undo last correction</translation>
    </message>
    <message>
        <source>A 证待补充信息…</source>
        <translation>A certificates awaiting information…</translation>
    </message>
    <message>
        <source>换发进度…</source>
        <translation>Changeover progress…</translation>
    </message>
    <message>
        <source>设置操作员姓名…</source>
        <translation>Set operator name…</translation>
    </message>
    <message>
        <source>预览/打印新版证书…</source>
        <translation>Preview/print new-format certificate…</translation>
    </message>
    <message>
        <source>批量生成…</source>
        <translation>Batch generate…</translation>
    </message>
    <message>
        <source>验证二维码…</source>
        <translation>Verify QR code…</translation>
    </message>
    <message>
        <source>打印机校准…</source>
        <translation>Calibrate printer…</translation>
    </message>
    <message>
        <source>导入记录…</source>
        <translation>Import records…</translation>
    </message>
    <message>
        <source>导出记录…</source>
        <translation>Export records…</translation>
    </message>
    <message>
        <source>设置…</source>
        <translation>Settings…</translation>
    </message>
    <message>
        <source>注销</source>
        <translation>Sign out</translation>
    </message>
    <message>
        <source>修改密码…</source>
        <translation>Change password…</translation>
    </message>
    <message>
        <source>系统管理…</source>
        <translation>Administration…</translation>
    </message>
    <message>
        <source>撤销上一次修改（{0} 项未同步）</source>
        <translation>Undo last correction ({0} not yet synced)</translation>
    </message>
</context>
<context>
    <name>MainMenus</name>
    <message>
        <source>文件(&amp;F)</source>
        <translation>&amp;File</translation>
    </message>
    <message>
        <source>退出(&amp;X)</source>
        <translation>E&amp;xit</translation>
    </message>
    <message>
        <source>编辑(&amp;E)</source>
        <translation>&amp;Edit</translation>
    </message>
    <message>
        <source>清除筛选</source>
        <translation>Clear filters</translation>
    </message>
    <message>
        <source>工作清单(&amp;W)</source>
        <translation>&amp;Worklists</translation>
    </message>
    <message>
        <source>证书(&amp;C)</source>
        <translation>&amp;Certificates</translation>
    </message>
    <message>
        <source>视图(&amp;V)</source>
        <translation>&amp;View</translation>
    </message>
    <message>
        <source>恢复默认列</source>
        <translation>Restore default columns</translation>
    </message>
    <message>
        <source>帮助(&amp;H)</source>
        <translation>&amp;Help</translation>
    </message>
    <message>
        <source>关于 CertDesk(&amp;A)</source>
        <translation>&amp;About CertDesk</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>正在打开工作区…</source>
        <translation>Opening the workspace…</translation>
    </message>
    <message>
        <source>CertDesk 建设从业人员证书工作台</source>
        <translation>CertDesk construction personnel certificate desk</translation>
    </message>
    <message>
        <source>（演示工作区 · 样本数据）</source>
        <translation> (demo workspace · sample data)</translation>
    </message>
    <message>
        <source>未能记录今天的换发进度：{0}</source>
        <translation>Could not record today&apos;s changeover progress: {0}</translation>
    </message>
    <message>
        <source>首次启动：正在生成演示工作区（样本数据）…</source>
        <translation>First start: generating the demo workspace (sample data)…</translation>
    </message>
    <message>
        <source>正在生成演示工作区…</source>
        <translation>Generating the demo workspace…</translation>
    </message>
    <message>
        <source>本地缓存：{persons} 人，{certs} 本证书（旧版 {old}，新版 {new}）</source>
        <translation>Local cache: {persons} persons, {certs} certificates ({old} old-format, {new} new-format)</translation>
    </message>
    <message>
        <source>操作员</source>
        <translation>Operator</translation>
    </message>
    <message>
        <source>请输入您的姓名。每一次修改都会以此姓名记入修改记录（以后可在“编辑”菜单中更改）：</source>
        <translation>Enter your name. Every correction is recorded in the history under this name (you can change it later in the Edit menu):</translation>
    </message>
    <message>
        <source>未设置操作员姓名，不能修改记录</source>
        <translation>No operator name is set; records cannot be corrected</translation>
    </message>
    <message>
        <source>已保存，修改已记入修改记录并等待同步</source>
        <translation>Saved; the correction is in the history and waiting to be synced</translation>
    </message>
    <message>
        <source>没有可撤销的未同步修改</source>
        <translation>There is no unsynced correction to undo</translation>
    </message>
    <message>
        <source>{at}，{operator}，原因：{reason}
{lines}</source>
        <translation>{at}, {operator}, reason: {reason}
{lines}</translation>
    </message>
    <message>
        <source>（最近一次未同步的修改）</source>
        <translation>(the latest unsynced correction)</translation>
    </message>
    <message>
        <source>撤销 {name} 的上一次修改？

{what}

本地共有 {count} 项未同步修改；撤销只影响最近的一项，并记入修改记录。</source>
        <translation>Undo the last correction of {name}?

{what}

There are {count} unsynced corrections here; undo takes back only the latest one and is recorded in the history.</translation>
    </message>
    <message>
        <source>撤销上一次修改</source>
        <translation>Undo last correction</translation>
    </message>
    <message>
        <source>、</source>
        <translation>, </translation>
    </message>
    <message>
        <source>已撤销：{0}</source>
        <translation>Undone: {0}</translation>
    </message>
    <message>
        <source>上一次修改</source>
        <translation>last correction</translation>
    </message>
    <message>
        <source>请先打开一位持证人员</source>
        <translation>Open a holder first</translation>
    </message>
</context>
<context>
    <name>app</name>
    <message>
        <source>CertDesk 无法启动</source>
        <translation>CertDesk cannot start</translation>
    </message>
</context>
</TS>
