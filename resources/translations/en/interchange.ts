<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="zh_CN">
<context>
    <name></name>
    <message>
        <source>interchange</source>
        <comment>{lines} 行：人员 新增 {pi}、更新 {pu}、未变 {pn}；证书 新增 {ci}、更新 {cu}、未变 {cn}；拒绝 {rejected} 行</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>interchange</source>
        <comment>；{0} 人有本地未同步的修改，保留本地记录</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>interchange</source>
        <comment>已取消，已处理 {0}（已写入的记录保留，其余行未读取）</comment>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ImportResultDialog</name>
    <message>
        <source>导入结果 — {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>保存为文件…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>复制</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>关闭</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>已读取的行中，以下行未导入（其余有效行已写入）：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>以下行未导入（其余有效行已写入）。请更正后重新导入，已导入的行不会重复修改：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>没有被拒绝的行。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>行号</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>原因</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>已复制 {0} 行</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CSV 文件（UTF-8） (*.csv)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>文本文件 (*.txt)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>导入未通过的行_{0}.csv</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>保存未导入的行</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>已保存到 {0}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RecordsInterchange</name>
    <message>
        <source>正在导入或导出记录，请等它完成</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>导入记录</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>JSONL 记录文件 (*.jsonl);;所有文件 (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>未设置操作员姓名，不能导入</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>正在导入 {0}…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>正在停止导入：当前一批写完后停止，已写入的记录保留</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>人员记录_{0}.jsonl</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>导出记录</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>JSONL 记录文件 (*.jsonl)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>正在导出记录到 {0}…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>已取消导出，未写入文件</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>已将 {0} 人导出到：
{1}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>已导出</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RejectedLinesModel</name>
    <message>
        <source>行号</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>原因</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>interchange</name>
    <message>
        <source>保留本地记录：{0} 有未同步的本地修改，未覆盖</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
