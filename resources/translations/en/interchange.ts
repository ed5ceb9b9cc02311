<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="zh_CN">
<context>
    <name>ImportResultDialog</name>
    <message>
        <source>导入结果 — {0}</source>
        <translation>Import result — {0}</translation>
    </message>
    <message>
        <source>保存为文件…</source>
        <translation>Save as file…</translation>
    </message>
    <message>
        <source>复制</source>
        <translation>Copy</translation>
    </message>
    <message>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>已读取的行中，以下行未导入（其余有效行已写入）：</source>
        <translation>Of the lines read, these were not imported (every other valid line was written):</translation>
    </message>
    <message>
        <source>以下行未导入（其余有效行已写入）。请更正后重新导入，已导入的行不会重复修改：</source>
        <translation>These lines were not imported (every other valid line was written). Correct them and import again; lines already imported are not changed twice:</translation>
    </message>
    <message>
        <source>没有被拒绝的行。</source>
        <translation>No lines were rejected.</translation>
    </message>
    <message>
        <source>行号</source>
        <translation>Line</translation>
    </message>
    <message>
        <source>原因</source>
        <translation>Reason</translation>
    </message>
    <message>
        <source>已复制 {0} 行</source>
        <translation>Lines copied: {0}</translation>
    </message>
    <message>
        <source>CSV 文件（UTF-8） (*.csv)</source>
        <translation>CSV files (UTF-8) (*.csv)</translation>
    </message>
    <message>
        <source>文本文件 (*.txt)</source>
        <translation>Text files (*.txt)</translation>
    </message>
    <message>
        <source>导入未通过的行_{0}.csv</source>
        <translation>Lines not imported_{0}.csv</translation>
    </message>
    <message>
        <source>保存未导入的行</source>
        <translation>Save the lines not imported</translation>
    </message>
    <message>
        <source>已保存到 {0}</source>
        <translation>Saved to {0}</translation>
    </message>
</context>
<context>
    <name>RecordsInterchange</name>
    <message>
        <source>正在导入或导出记录，请等它完成</source>
        <translation>Records are being imported or exported: wait for it to finish</translation>
    </message>
    <message>
        <source>导入记录</source>
        <translation>Import records</translation>
    </message>
    <message>
        <source>JSONL 记录文件 (*.jsonl);;所有文件 (*)</source>
        <translation>JSONL record files (*.jsonl);;All files (*)</translation>
    </message>
    <message>
        <source>未设置操作员姓名，不能导入</source>
        <translation>No operator name is set: cannot import</translation>
    </message>
    <message>
        <source>正在导入 {0}…</source>
        <translation>Importing {0}…</translation>
    </message>
    <message>
        <source>正在停止导入：当前一批写完后停止，已写入的记录保留</source>
        <translation>Stopping the import after the current batch; records already written are kept</translation>
    </message>
    <message>
        <source>人员记录_{0}.jsonl</source>
        <translation>Records_{0}.jsonl</translation>
    </message>
    <message>
        <source>导出记录</source>
        <translation>Export records</translation>
    </message>
    <message>
        <source>JSONL 记录文件 (*.jsonl)</source>
        <translation>JSONL record files (*.jsonl)</translation>
    </message>
    <message>
        <source>正在导出记录到 {0}…</source>
        <translation>Exporting records to {0}…</translation>
    </message>
    <message>
        <source>已取消导出，未写入文件</source>
        <translation>Export cancelled: no file written</translation>
    </message>
    <message>
        <source>已将 {0} 人导出到：
{1}</source>
        <translation>Exported {0} person records to:
{1}</translation>
    </message>
    <message>
        <source>已导出</source>
        <translation>Exported</translation>
    </message>
</context>
<context>
    <name>RejectedLinesModel</name>
    <message>
        <source>行号</source>
        <translation>Line</translation>
    </message>
    <message>
        <source>原因</source>
        <translation>Reason</translation>
    </message>
</context>
<context>
    <name>interchange</name>
    <message>
        <source>保留本地记录：{0} 有未同步的本地修改，未覆盖</source>
        <translation>Local record kept: {0} has local changes not yet synced and was not overwritten</translation>
    </message>
    <message>
        <source>第 {0} 行：{1}</source>
        <translation>line {0}: {1}</translation>
    </message>
    <message>
        <source>{lines} 行：人员 新增 {pi}、更新 {pu}、未变 {pn}；证书 新增 {ci}、更新 {cu}、未变 {cn}；拒绝 {rejected} 行</source>
        <translation>Lines: {lines}; people: {pi} added, {pu} updated, {pn} unchanged; certificates: {ci} added, {cu} updated, {cn} unchanged; rejected lines: {rejected}</translation>
    </message>
    <message>
        <source>；{0} 人有本地未同步的修改，保留本地记录</source>
        <translation>; local records kept (changes not yet synced): {0}</translation>
    </message>
    <message>
        <source>已取消，已处理 {0}（已写入的记录保留，其余行未读取）</source>
        <translation>Cancelled. Done so far: {0} (records already written are kept; the other lines were not read)</translation>
    </message>
</context>
</TS>
