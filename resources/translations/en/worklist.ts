<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="zh_CN">
<context>
    <name>CountsModel</name>
    <message>
        <source>人数</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>FilterRow</name>
    <message>
        <source>全部发证单位</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>企业名称（部分）或统一社会信用代码</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>全部缺少项</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>缺{0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>缺照片</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>刷新</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>导出补充模板…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>把当前清单导出为企业填写用的 Excel 模板（.xlsx）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>导入补充表…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>导入企业填好的补充模板：逐行校验，有效行一次写入</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>发证单位：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>企业：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>缺少：</source>
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
        <source>共读取 {rows} 行：已更新 {applied} 人，与现有信息相同 {unchanged} 人，未填写 {unfilled} 人，被拒绝 {rejected} 行。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>模板导出单位：{0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>以下行未导入（其余有效行已全部写入）。请在表格中更正后重新导入，已导入的行不会重复修改：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>复制拒绝原因</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>关闭</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RejectionsModel</name>
    <message>
        <source>行</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>列</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>栏目</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>原因</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>WorklistModel</name>
    <message>
        <source>读取清单出错：{0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>点击按此列排序</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>此列不能排序</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>姓名</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>身份证号</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>工作单位</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>（无工作单位）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A 证编号</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>发证单位</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>缺少</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>需补充：{0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>手机号码</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>WorklistWindow</name>
    <message>
        <source>A 证待补充信息</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>发证单位</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>工作单位</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>双击或按回车在工作台中打开此人</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>按发证单位</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>按企业</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>单击一行，只看该单位 / 企业的人员</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>待补充 {0} 人（其中缺照片 {1} 人）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>没有符合条件的人员</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>已显示 {0} 人，向下滚动加载更多</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>显示 {0} 人</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>全部发证单位</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A证待补充信息_{0}_{1}.xlsx</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>导出补充模板</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Excel 工作簿 (*.xlsx)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>正在导出补充模板…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>已导出</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>已将 {0} 人导出到：
{1}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>导入补充表</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Excel 工作簿 (*.xlsx);;所有文件 (*)</source>
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
</context>
</TS>
