<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="zh_CN">
<context>
    <name>CountsModel</name>
    <message>
        <source>人数</source>
        <translation>People</translation>
    </message>
    <message>
        <source>{0}（{1}）</source>
        <translation>{0} ({1})</translation>
    </message>
</context>
<context>
    <name>FilterRow</name>
    <message>
        <source>全部发证单位</source>
        <translation>All issuing units</translation>
    </message>
    <message>
        <source>企业名称（部分）或统一社会信用代码</source>
        <translation>Enterprise name (part) or USCC</translation>
    </message>
    <message>
        <source>全部缺少项</source>
        <translation>Anything missing</translation>
    </message>
    <message>
        <source>缺{0}</source>
        <translation>Missing {0}</translation>
    </message>
    <message>
        <source>缺照片</source>
        <translation>Missing photo</translation>
    </message>
    <message>
        <source>刷新</source>
        <translation>Refresh</translation>
    </message>
    <message>
        <source>导出补充模板…</source>
        <translation>Export template…</translation>
    </message>
    <message>
        <source>把当前清单导出为企业填写用的 Excel 模板（.xlsx）</source>
        <translation>Export the list as the Excel template (.xlsx) enterprises fill in</translation>
    </message>
    <message>
        <source>导入补充表…</source>
        <translation>Import filled template…</translation>
    </message>
    <message>
        <source>导入企业填好的补充模板：逐行校验，有效行一次写入</source>
        <translation>Import a template filled in by an enterprise: every row is checked, the valid rows are written at once</translation>
    </message>
    <message>
        <source>发证单位：</source>
        <translation>Issuing unit:</translation>
    </message>
    <message>
        <source>企业：</source>
        <translation>Enterprise:</translation>
    </message>
    <message>
        <source>缺少：</source>
        <translation>Missing:</translation>
    </message>
</context>
<context>
    <name>RejectionsModel</name>
    <message>
        <source>行</source>
        <translation>Row</translation>
    </message>
    <message>
        <source>列</source>
        <translation>Column</translation>
    </message>
    <message>
        <source>栏目</source>
        <translation>Heading</translation>
    </message>
    <message>
        <source>原因</source>
        <translation>Reason</translation>
    </message>
    <message>
        <source>第 {row} 行，{column} 列（{header}）：{reason}</source>
        <translation>Row {row}, column {column} ({header}): {reason}</translation>
    </message>
</context>
<context>
    <name>SupplementResultDialog</name>
    <message>
        <source>导入结果 — {0}</source>
        <translation>Import result — {0}</translation>
    </message>
    <message>
        <source>共读取 {rows} 行：已更新 {applied} 人，与现有信息相同 {unchanged} 人，未填写 {unfilled} 人，被拒绝 {rejected} 行。</source>
        <translation>Rows read: {rows}. Updated: {applied}, the same as before: {unchanged}, not filled in: {unfilled}, rejected: {rejected}.</translation>
    </message>
    <message>
        <source>模板导出单位：</source>
        <translation>Template exported for:</translation>
    </message>
    <message>
        <source>以下行未导入（其余有效行已全部写入）。请在表格中更正后重新导入，已导入的行不会重复修改：</source>
        <translation>These rows were not imported (every other valid row was written). Correct them in the workbook and import it again; rows already imported are not changed twice:</translation>
    </message>
    <message>
        <source>复制拒绝原因</source>
        <translation>Copy the reasons</translation>
    </message>
    <message>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
</context>
<context>
    <name>WorklistModel</name>
    <message>
        <source>读取清单出错：{0}</source>
        <translation>Could not read the list: {0}</translation>
    </message>
    <message>
        <source>点击按此列排序</source>
        <translation>Click to sort by this column</translation>
    </message>
    <message>
        <source>此列不能排序</source>
        <translation>This column cannot be sorted</translation>
    </message>
    <message>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>身份证号</source>
        <translation>ID number</translation>
    </message>
    <message>
        <source>工作单位</source>
        <translation>Enterprise</translation>
    </message>
    <message>
        <source>A 证编号</source>
        <translation>A certificate number</translation>
    </message>
    <message>
        <source>发证单位</source>
        <translation>Issuing unit</translation>
    </message>
    <message>
        <source>缺少</source>
        <translation>Missing</translation>
    </message>
    <message>
        <source>需补充：{0}</source>
        <translation>To complete: {0}</translation>
    </message>
    <message>
        <source>手机号码</source>
        <translation>Mobile number</translation>
    </message>
</context>
<context>
    <name>WorklistWindow</name>
    <message>
        <source>A 证待补充信息</source>
        <translation>A certificates awaiting information</translation>
    </message>
    <message>
        <source>发证单位</source>
        <translation>Issuing unit</translation>
    </message>
    <message>
        <source>工作单位</source>
        <translation>Enterprise</translation>
    </message>
    <message>
        <source>双击或按回车在工作台中打开此人</source>
        <translation>Double-click or press Enter to open this person in the workspace</translation>
    </message>
    <message>
        <source>按发证单位</source>
        <translation>By issuing unit</translation>
    </message>
    <message>
        <source>按企业</source>
        <translation>By enterprise</translation>
    </message>
    <message>
        <source>单击一行，只看该单位 / 企业的人员</source>
        <translation>Click a row to see only the people of that unit / enterprise</translation>
    </message>
    <message>
        <source>待补充 {0} 人（其中缺照片 {1} 人）</source>
        <translation>Awaiting information: {0} (missing the photo: {1})</translation>
    </message>
    <message>
        <source>没有符合条件的人员</source>
        <translation>Nobody matches</translation>
    </message>
    <message>
        <source>已显示 {0} 人，向下滚动加载更多</source>
        <translation>Shown: {0}; scroll down for more</translation>
    </message>
    <message>
        <source>显示 {0} 人</source>
        <translation>Shown: {0}</translation>
    </message>
    <message>
        <source>全部发证单位</source>
        <translation>All issuing units</translation>
    </message>
    <message>
        <source>A 证待补充信息_{0}_{1}.xlsx</source>
        <translation>A certificates awaiting information_{0}_{1}.xlsx</translation>
    </message>
    <message>
        <source>导出补充模板</source>
        <translation>Export template</translation>
    </message>
    <message>
        <source>Excel 工作簿 (*.xlsx)</source>
        <translation>Excel workbooks (*.xlsx)</translation>
    </message>
    <message>
        <source>正在导出补充模板…</source>
        <translation>Exporting the template…</translation>
    </message>
    <message>
        <source>已导出</source>
        <translation>Exported</translation>
    </message>
    <message>
        <source>已将 {0} 人导出到：
{1}</source>
        <translation>Exported {0} person records to:
{1}</translation>
    </message>
    <message>
        <source>导入补充表</source>
        <translation>Import filled template</translation>
    </message>
    <message>
        <source>Excel 工作簿 (*.xlsx);;所有文件 (*)</source>
        <translation>Excel workbooks (*.xlsx);;All files (*)</translation>
    </message>
    <message>
        <source>未设置操作员姓名，不能导入</source>
        <translation>No operator name is set: cannot import</translation>
    </message>
    <message>
        <source>正在导入 {0}…</source>
        <translation>Importing {0}…</translation>
    </message>
</context>
<context>
    <name>worklist</name>
    <message>
        <source>没有需要补充信息的人员，未导出模板</source>
        <translation>Nobody needs to complete information: no template exported</translation>
    </message>
    <message>
        <source>已取消导出，未写入文件</source>
        <translation>Export cancelled: no file written</translation>
    </message>
    <message>
        <source>已取消导入，没有写入任何修改</source>
        <translation>Import cancelled: nothing was changed</translation>
    </message>
    <message>
        <source>职务</source>
        <translation>position</translation>
    </message>
    <message>
        <source>技术职称</source>
        <translation>technical title</translation>
    </message>
    <message>
        <source>照片</source>
        <translation>photo</translation>
    </message>
    <message>
        <source>、</source>
        <translation>, </translation>
    </message>
</context>
</TS>
